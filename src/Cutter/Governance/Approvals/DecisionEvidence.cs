using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Store.Audit;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Re-verifies a stored review decision offline from the evidence the store kept (0009): the SSHSIG signature over the
/// approval's exact bytes against allowed_signers, through <see cref="SignedDocumentReader"/> (the same reader and
/// verifier the gates use), then the decision's binding: the approval's sha, gate, run, decision id, signer and payload
/// (SG_1) or state (SG_3) must be the ones the row records. Each problem names the decision and its run.
/// </summary>
internal static class DecisionEvidence
{
    /// <summary>What is wrong with <paramref name="decision"/>'s evidence, or null when it re-verifies.</summary>
    public static string? Problem(StoredDecision decision, AllowedSigners allowedSigners)
    {
        var name = $"decision {decision.ReviewDecisionId} ({decision.Gate}) of run {decision.RunId}";
        if (decision.ApprovalBytes is not { } bytes || string.IsNullOrWhiteSpace(decision.Signature))
        {
            return $"{name}: no signed approval stored (unsigned)";
        }
        if (Batches.BatchDecisionEvidence.IsBatchApproval(bytes)) return Batches.BatchDecisionEvidence.Problem(decision, bytes, decision.Signature, allowedSigners, name);
        var id = KbDocId.TryParse(decision.ApprovalKbId, out var parsed) ? parsed : KbDocId.None;
        SignedDocumentReader.SignedDocument signed;
        try
        {
            signed = SignedDocumentReader.Read(new KbDocument(id, new Dictionary<string, string>(), "", bytes, decision.Signature), allowedSigners, name);
        }
        catch (ApprovalFailure failure)
        {
            return $"{name}: the stored approval does not verify: {failure.Message}";
        }
        var doc = signed.Document;
        var mismatches = new List<string>();
        if (signed.Sha256.Value != decision.ApprovalSha256) mismatches.Add($"approval_sha256 {decision.ApprovalSha256} is not the stored bytes' sha256 {signed.Sha256}");
        if (doc.Kind != ApprovalKind.Approval) mismatches.Add("the stored document is not a gate approval");
        if (doc.Gate?.WireName() != decision.Gate) mismatches.Add($"the approval is for gate {doc.Gate?.WireName() ?? "(none)"}");
        if (doc.RunId != decision.RunId) mismatches.Add($"the approval is for run {doc.RunId}");
        if (doc.ReviewDecisionId != decision.ReviewDecisionId) mismatches.Add($"the approval names review_decision_id {doc.ReviewDecisionId?.ToString() ?? "(none)"}");
        if (signed.Principal != decision.Signer) mismatches.Add($"the approval is signed by {signed.Principal}, the row says {decision.Signer}");
        if (decision.Gate == ApprovalGate.Sg1CutAuthz.WireName() && !SameHash(doc.PayloadSha, decision.RunPayloadSha, HashForms.Payload.Family))
        {
            mismatches.Add($"the approval binds payload {doc.PayloadSha?.ToString() ?? "(none)"}, the run's payload is {decision.RunPayloadSha ?? "(no run row)"}");
        }
        if (decision.Gate == ApprovalGate.Sg3EscalationAuthz.WireName() && !SameHash(doc.StateSha, decision.StateSha, HashForms.Footprint.Family))
        {
            mismatches.Add($"the approval binds state {doc.StateSha?.ToString() ?? "(none)"}, the decision records {decision.StateSha ?? "(none)"}");
        }
        return mismatches.Count == 0 ? null : $"{name}: binding mismatch: {string.Join("; ", mismatches)}";
    }

    private static bool SameHash(VersionedHash? bound, string? stored, string family)
    {
        if (bound is not { } b || string.IsNullOrEmpty(stored)) return false;
        try
        {
            return b.CompareWith(VersionedHash.Parse(stored, family, "stored hash")) == HashComparison.Equal;
        }
        catch (InvalidInputException)
        {
            return false;
        }
    }
}
