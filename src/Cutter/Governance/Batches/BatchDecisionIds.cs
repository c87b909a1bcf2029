using System.Security.Cryptography;
using System.Text;
using Cutter.Domain;

namespace Cutter.Governance.Batches;

/// <summary>
/// The review decision id each run of a batch records: the first 16 bytes of
/// sha256(utf8("batch-decision-v1" TAB approval's review_decision_id TAB run id)), the same as the store's
/// <c>cutter_governance.batch_decision_id</c>, so nobody picks it and an auditor can recompute it.
/// </summary>
internal static class BatchDecisionIds
{
    public static Guid For(Guid approvalDecisionId, RunId runId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"batch-decision-v1\t{approvalDecisionId:D}\t{runId}"));
        return Guid.ParseExact(Convert.ToHexStringLower(digest.AsSpan(0, 16)), "N");
    }
}
