using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// The enacted text of every unit the run wrote into its target is the text SG_1 approved. Each version's stored text is
/// re-hashed in C# (never by a function in the store) and compared with its stored sha; then the payload sha is rebuilt
/// from the stored rows with the recomputed content hashes and compared with the run's payload sha (state.json) and the
/// SG_1 decision's. An edited text is caught whether or not its stored sha was edited to match: the stored sha is bound
/// to the approved payload, not only to the row.
/// </summary>
internal sealed class TargetContentCheck : IVerificationCheck
{
    private const int NamedAtMost = 5;

    public string Name => VerificationChecks.TargetContent;
    public string Proves => "the target's enacted text is exactly what was approved: re-hashed from the stored text and rebuilt into the SG_1 payload sha";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var scan = context.RequireScan();
        var kbId = context.State.Document.KbId;
        var expected = $"every target version of the run re-hashes (in C#) to its content_sha256; the payload rebuilt from the stored rows is {context.State.PayloadSha ?? "(state.json has none)"}, the SG_1 decision's";
        if (scan.Document(kbId) is not { } document) return CheckResult.Of(Name, expected, $"{kbId} is not in the store", false);

        var runId = context.RunId.Value;
        var mismatched = new List<string>();
        var unverifiable = new List<string>();
        var versions = 0;
        foreach (var unit in scan.UnitsOf(document).Where(u => u.RunId == runId))
        {
            foreach (var version in scan.VersionsOf(unit.IuId))
            {
                if (version.RunId != runId) continue;
                versions++;
                if (version.Mismatched) mismatched.Add(unit.Address);
                if (version.Unverifiable) unverifiable.Add($"{unit.Address} ({version.Form})");
            }
        }

        var problems = new List<string>();
        if (mismatched.Count > 0) problems.Add($"{mismatched.Count} target version(s) whose text no longer hashes to content_sha256: {Named(mismatched)}");
        if (unverifiable.Count > 0) problems.Add($"{unverifiable.Count} target version(s) in a content hash form this Cutter does not know: {Named(unverifiable)}");

        var rebuilt = scan.RecomputedPayloadSha(document, runId);
        if (context.State.PayloadSha is not { } statePayload) problems.Add("state.json has no payload_sha");
        else if (!rebuilt.Matches(VersionedHash.ParsePayload(statePayload, "state.json payload_sha"), "target payload"))
        {
            problems.Add($"the payload rebuilt from the stored rows is {rebuilt}, not the approved {statePayload}");
        }
        var decisions = await VerificationReads.ReadReviewDecisionsAsync(context.VerifyConnection, runId, cancellationToken);
        var sg1 = decisions.Where(d => d.Gate == ApprovalGate.Sg1CutAuthz.WireName()).Select(d => d.PayloadSha).ToArray();
        if (sg1.Length != 1 || sg1[0] is null) problems.Add($"{sg1.Length} SG_1 decision(s) with a payload sha for the run");
        else if (!rebuilt.Matches(VersionedHash.ParsePayload(sg1[0], "review_decision.payload_sha"), "SG_1 payload"))
        {
            problems.Add($"the payload rebuilt from the stored rows is {rebuilt}, the SG_1 decision binds {sg1[0]}");
        }

        var actual = problems.Count == 0
            ? $"{versions} target versions re-hash to their content_sha256; rebuilt payload {rebuilt} = state.json = SG_1 decision"
            : string.Join("; ", problems);
        return CheckResult.Of(Name, expected, actual, problems.Count == 0);
    }

    private static string Named(IReadOnlyList<string> addresses) =>
        string.Join(", ", addresses.Take(NamedAtMost)) + (addresses.Count > NamedAtMost ? $" and {addresses.Count - NamedAtMost} more" : "");
}
