using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// After an amendment run the document's enacted state is the new text: every unit of the pinned source's cut stands
/// enacted at its address with its kind, parent, heading and content (stored text re-hashed in C#), and nothing else
/// stands; the diff from the state before the run to that text hashes to the payload state.json and the SG_1
/// decision approved.
/// </summary>
internal sealed class AmendedTextCheck : IVerificationCheck
{
    public string Name => VerificationChecks.AmendedText;
    public string Proves => "every changed, added and moved unit's current version is the approved new text, and the diff applied is the approved one";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var audit = await AmendmentAudit.ReadAsync(context, cancellationToken);
        var approved = context.State.PayloadSha;
        var expected = $"the {audit.Candidates.CandidateCount} units of the pinned source enacted as cut, and the diff's sha {approved ?? "(state.json has none)"}, the SG_1 decision's";
        var findings = new List<string>(audit.TextFindings());
        if (approved is null) findings.Add("state.json has no payload_sha");
        else if (!audit.DiffSha.Matches(VersionedHash.Parse(approved, HashForms.AmendmentV1.Family, "state.json payload_sha"), "amendment payload"))
        {
            findings.Add($"the diff from the state before the run to the pinned source is {audit.DiffSha}, not the approved {approved}");
        }
        var decisions = await VerificationReads.ReadReviewDecisionsAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        var sg1 = decisions.Where(d => d.Gate == ApprovalGate.Sg1CutAuthz.WireName()).Select(d => d.PayloadSha).ToArray();
        if (sg1.Length != 1 || sg1[0] != audit.DiffSha.ToString()) findings.Add($"the SG_1 decision(s) bind {string.Join(", ", sg1.Select(s => s ?? "NULL"))}, not {audit.DiffSha}");
        return CheckResult.Of(Name, expected,
            findings.Count == 0 ? $"{audit.After.Count} enacted units = the new text; diff {audit.DiffSha} = state.json = SG_1 decision" : string.Join("; ", findings),
            findings.Count == 0);
    }
}
