using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Store.Audit;

namespace Cutter.Governance.Batches;

/// <summary>
/// Re-verifies offline a review decision a run recorded from its batch's approval (docs/batches.md): the SSHSIG signature
/// over the stored bytes, the gate, the signer, the decision id derived from the approval's and the run's, the run
/// listed in the approval, and for SG_1 the run's payload as its leaf under the signed Merkle root (its inclusion proof).
/// </summary>
internal static class BatchDecisionEvidence
{
    public static bool IsBatchApproval(byte[] bytes)
    {
        try
        {
            var (fields, _) = SignedFrontMatter.Parse(bytes);
            return fields.GetValueOrDefault(ApprovalFields.Kind) == ApprovalFields.KindBatchApproval;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string? Problem(StoredDecision decision, byte[] bytes, string signature, AllowedSigners allowedSigners, string name)
    {
        AllowedSigner entry;
        try
        {
            entry = SshSignatureVerifier.Verify(bytes, signature, ApprovalFields.SignatureNamespace, allowedSigners);
        }
        catch (SignatureVerificationException ex)
        {
            return $"{name}: the stored batch approval does not verify: {ex.Message}";
        }
        BatchApprovalDocument doc;
        try
        {
            doc = BatchApprovalDocument.Parse(bytes);
        }
        catch (FormatException ex)
        {
            return $"{name}: the stored batch approval is malformed: {ex.Message}";
        }
        var mismatches = new List<string>();
        var sha = Sha256Hex.Of(bytes).Value;
        if (sha != decision.ApprovalSha256) mismatches.Add($"approval_sha256 {decision.ApprovalSha256} is not the stored bytes' sha256 {sha}");
        if (doc.Gate.WireName() != decision.Gate) mismatches.Add($"the batch approval is for gate {doc.Gate.WireName()}");
        if (!entry.MatchesPrincipal(decision.Signer)) mismatches.Add($"the batch approval is signed by {string.Join(", ", entry.Principals)}, the row says {decision.Signer}");
        if (BatchDecisionIds.For(doc.ReviewDecisionId, decision.RunId) != decision.ReviewDecisionId) mismatches.Add($"the decision id is not the one derived from the batch approval's {doc.ReviewDecisionId} and the run");
        var listed = doc.Documents.SingleOrDefault(d => d.RunId == decision.RunId);
        if (listed is null) mismatches.Add("the run is not listed in the batch approval");
        if (decision.BatchLeaf is not { } leaf) mismatches.Add("the run is in no batch");
        else if (leaf.BatchId != doc.BatchId) mismatches.Add($"the run is in batch {leaf.BatchId}, the approval is for batch {doc.BatchId}");
        else if (doc.Gate == ApprovalGate.Sg1CutAuthz)
        {
            if (decision.RunPayloadSha is not { } payloadText)
            {
                mismatches.Add("the run has no payload in the store");
            }
            else if (!BatchMerkleTree.Verify(BatchMerkleTree.LeafInput(leaf.KbId, VersionedHash.Parse(payloadText, HashForms.Payload.Family, "run payload_sha")),
                         leaf.Position, leaf.DocumentCount, BatchMerkleTree.ParseProof(leaf.InclusionProof), doc.MerkleRoot))
            {
                mismatches.Add($"the run's payload {payloadText} of {leaf.KbId} is not leaf {leaf.Position} under the signed root {doc.MerkleRoot}");
            }
        }
        return mismatches.Count == 0 ? null : $"{name}: binding mismatch: {string.Join("; ", mismatches)}";
    }
}
