using Cutter.Store.Audit;

namespace Cutter.Verification.Checks;

/// <summary>
/// Every audit hash chain verifies: lifecycle_log, review_decision and phase_ledger (recomputed by the server) and the
/// runs index. Reads the walk <see cref="RunVerifier"/> made once on the verify lane, the one whose heads the report signs.
/// </summary>
internal sealed class AuditChainsIntactCheck : IVerificationCheck
{
    public string Name => VerificationChecks.AuditChainsIntact;
    public string Proves => "no audit row or runs-index line was altered, removed or added outside the log since it was written";

    public Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var chains = context.AuditChains;
        var expected = $"the transparency log recomputes from its rows ({Domain.Hashing.HashForms.LogLeafV1}, {Domain.Hashing.HashForms.LogRootV1}), "
            + $"its chain-v1 prefix and the runs index link ({Domain.Hashing.HashForms.Chain}): {string.Join(", ", chains.Heads.Select(h => h.Chain))}";
        var actual = chains.FirstBreak is { } broken
            ? $"first break: {broken}"
            : string.Join("; ", chains.Heads);
        return Task.FromResult(CheckResult.Of(Name, expected, actual, chains.Verified));
    }
}
