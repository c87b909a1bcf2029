
namespace Cutter.Verification.Checks;

/// <summary>
/// After the run (verification check <c>grant_matrix_sha_matches_pin</c>): the lanes' canonical grant matrix still
/// hashes to the sha pinned in <c>orchestrator.expected_grant_matrix_sha</c>, so the run left no grant behind. Its twin
/// before the run is <see cref="Orchestration.Prechecks.PreRunGrantMatrixCheck"/>.
/// </summary>
internal sealed class PostRunGrantMatrixCheck : IVerificationCheck
{
    public string Name => VerificationChecks.GrantMatrix;
    public string Proves => "the lanes hold exactly the privileges that were reviewed and pinned, no more, no fewer";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var matrix = await Store.GrantMatrix.ReadAsync(context.VerifyConnection, cancellationToken);
        var pin = context.ExpectedGrantMatrixSha;
        if (string.IsNullOrWhiteSpace(pin))
        {
            return CheckResult.Of(Name, "a pin in orchestrator.expected_grant_matrix_sha", $"no pin configured; live sha {matrix.Sha}", false);
        }
        var pinned = Store.GrantMatrix.ParsePin(pin);
        return CheckResult.Of(Name, pinned.ToString(), matrix.ShaIn(pinned.Form).ToString(), matrix.MatchesPin(pinned));
    }
}
