using Cutter.Domain;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.Reports;
using Cutter.Store.Audit;

namespace Cutter.Verification.Checks;

/// <summary>
/// Every chain head the closeout doc recorded is still a link of its chain. With <see cref="AuditChainsIntactCheck"/>
/// this pins the history up to closeout: a rewrite that recomputed every later hash, or removed the newest rows, no
/// longer contains the recorded head, however well the chain now links.
/// </summary>
internal sealed class CloseoutHeadsPresentCheck : IVerificationCheck
{
    public string Name => VerificationChecks.CloseoutHeadsPresent;
    public string Proves => "the audit history the closeout doc recorded is still there, unrewritten and not cut short";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var closeoutId = context.State.CloseoutKbId;
        if (closeoutId is null) return CheckResult.Of(Name, "the closeout doc's chain heads", "state.json names no closeout doc", false);
        var recorded = RunDocuments.CloseoutChainHeads((await context.Kb.GetAsync(KbDocId.Parse(closeoutId), cancellationToken)).Body);
        if (recorded.Count == 0) return CheckResult.Of(Name, $"chain heads recorded in {closeoutId}", $"{closeoutId} records no chain heads", false);

        var missing = new List<string>();
        foreach (var head in recorded.Where(h => h.Head is not null))
        {
            if (!await ChainVerifier.ContainsLinkAsync(context.VerifyConnection, context.Sidecar.IndexPath, head.Chain, head.Head!, cancellationToken))
            {
                missing.Add($"{head.Chain}: head {head.Head} ({head.Rows} rows at closeout) is no longer in the chain");
            }
        }
        var expected = $"the {recorded.Count} chain heads recorded in closeout doc {closeoutId}, each still a link of its chain";
        var actual = missing.Count == 0
            ? $"all {recorded.Count} present: {string.Join(", ", recorded.Select(h => $"{h.Chain} {h.Head ?? "(empty)"}"))}"
            : string.Join("; ", missing);
        return CheckResult.Of(Name, expected, actual, missing.Count == 0);
    }
}
