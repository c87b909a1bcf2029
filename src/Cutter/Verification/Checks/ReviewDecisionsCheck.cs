using Cutter.Domain.Hashing;
using System.Globalization;
using Cutter.Governance.Approvals;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// Exactly two review decisions carry this run's id, one per gate (SG_1 bound to the payload). The store's rows are
/// the record (a run recovered from the ledger after a kill may never have had them in state.json); a decision id
/// state.json did record must be the store's. The store as a whole gained exactly those two since phase 4, besides the
/// decisions of runs that overlapped this one in time (docs/concurrency.md), which are named and counted by run id.
/// </summary>
internal sealed class ReviewDecisionsCheck : IVerificationCheck
{
    private static readonly ApprovalGate[] Gates = [ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz];

    public string Name => VerificationChecks.ReviewDecisions;
    public string Proves => "each write was authorized by its own signed approval, consumed once, and no other decision was recorded";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var decisions = await VerificationReads.ReadReviewDecisionsAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        var total = await VerificationReads.CountReviewDecisionsAsync(context.VerifyConnection, cancellationToken);
        var before = context.State.PreRunSnapshot?.ReviewDecisionCount;
        var problems = new List<string>();
        var overlapping = context.State.PreRunSnapshot is { } snapshot
            ? await OverlappingRuns.ReadAsync(context.VerifyConnection, context.RunId.Value, snapshot.TakenUtc, cancellationToken)
            : [];
        var theirs = context.State.PreRunSnapshot is { } since
            ? await OverlappingRuns.CountDecisionsSinceAsync(context.VerifyConnection, overlapping, since.TakenUtc, cancellationToken)
            : 0;

        if (decisions.Count != 2) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{decisions.Count} decisions for the run ({string.Join(", ", decisions.Select(d => d.Gate))})"));
        foreach (var gate in Gates)
        {
            var forGate = decisions.Where(d => d.Gate == gate.WireName()).ToArray();
            var recorded = context.State.Gates.GetValueOrDefault(gate)?.ReviewDecisionId;
            if (forGate.Length != 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{forGate.Length} decisions for {gate.WireName()}"));
            }
            else if (recorded is not null && (!Guid.TryParse(recorded, out var id) || id != forGate[0].ReviewDecisionId))
            {
                problems.Add($"{gate.WireName()} decision {forGate[0].ReviewDecisionId:D} is not the one state.json recorded ({recorded})");
            }
            else if (gate == ApprovalGate.Sg1CutAuthz && !SamePayload(forGate[0].PayloadSha, context.State.PayloadSha))
            {
                problems.Add($"{gate.WireName()} decision binds payload {forGate[0].PayloadSha ?? "(none)"}, the run's is {context.State.PayloadSha}");
            }
        }
        if (before is null) problems.Add("state.json has no pre-run review decision count");
        else if (total != before + 2 + theirs)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the store has {total} decisions, {total - before} more than before the run ({theirs} of them by overlapping runs)"));
        }

        var others = overlapping.Count == 0 ? "" : $" + {theirs} by overlapping runs {string.Join(", ", overlapping.Select(r => r.RunId.ToString("D")).Distinct())}";
        var expected = before is null
            ? "2 decisions for the run: SG_1_cut_authz and SG_2_lifecycle_authz"
            : string.Create(CultureInfo.InvariantCulture, $"2 decisions for the run (SG_1_cut_authz, SG_2_lifecycle_authz); store total {before} + 2{others} = {before + 2 + theirs}");
        var actual = problems.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", decisions.Select(d => $"{d.Gate} {d.ReviewDecisionId:D}"))}; store total {total}")
            : string.Join("; ", problems);
        return CheckResult.Of(Name, expected, actual, problems.Count == 0);
    }

    // Both sides may predate hash tags (untagged = payload-v1); a form mismatch is refused, not called a mismatch.
    private static bool SamePayload(string? decision, string? run) =>
        decision is not null && run is not null
        && VersionedHash.ParsePayload(decision, "review_decision.payload_sha")
            .Matches(VersionedHash.ParsePayload(run, "state.json payload_sha"), "SG_1 payload sha");
}
