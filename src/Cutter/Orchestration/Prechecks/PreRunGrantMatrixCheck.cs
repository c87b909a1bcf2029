using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Before a run (precheck <c>grant_matrix</c>): the lanes' live grant matrix, read through the verify lane, hashes to <c>orchestrator.expected_grant_matrix_sha</c>.
/// A mismatch fails with <see cref="StopCodes.GrantMatrixMismatch"/> and shows both shas; the live matrix is the
/// result's evidence, so an operator can diff it against the pinned install. Its twin after the run is
/// <see cref="Verification.Checks.PostRunGrantMatrixCheck"/>: same comparison, reported in the verification report.
/// </summary>
internal sealed class PreRunGrantMatrixCheck : IPrecheck
{
    public const string CheckName = "grant_matrix";

    public string Name => CheckName;

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var pinnedText = context.Settings.ExpectedGrantMatrixSha.Trim();
        if (pinnedText.Length == 0)
        {
            return PrecheckResult.Fail(Name, "orchestrator.expected_grant_matrix_sha is not set");
        }
        VersionedHash pinned;
        try
        {
            pinned = GrantMatrix.ParsePin(pinnedText);
        }
        catch (InvalidInputException ex)
        {
            return PrecheckResult.Fail(Name, ex.Message);
        }

        GrantMatrix live;
        await using (var connection = await context.OpenVerifyConnection(cancellationToken))
        {
            live = await GrantMatrix.ReadAsync(connection, cancellationToken);
        }
        bool matches;
        try
        {
            matches = live.MatchesPin(pinned);
        }
        catch (InvalidInputException ex)
        {
            return PrecheckResult.Fail(Name, ex.Message) with { StopCode = StopCodes.HashFormMismatch, Evidence = live };
        }
        var result = matches
            ? PrecheckResult.Pass(Name, $"grant matrix sha {live.ShaIn(pinned.Form)} matches the pin ({live.Lines.Count} grants)")
            : PrecheckResult.Fail(Name, $"live grant matrix sha {live.ShaIn(pinned.Form)} differs from expected_grant_matrix_sha {pinned}") with
            {
                StopCode = StopCodes.GrantMatrixMismatch,
            };
        return result with { Evidence = live };
    }
}
