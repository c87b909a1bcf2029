using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>
/// An approval that passed every check. <see cref="ApprovalSha256"/> and <see cref="ReviewDecisionId"/> are what the
/// consuming phase records in <c>review_decision</c> (same transaction as its writes).
/// </summary>
internal sealed record VerifiedApproval(ApprovalDocument Document, Sha256Hex ApprovalSha256, string SignerPrincipal, string SignerKeyFingerprint)
{
    public Guid ReviewDecisionId => Document.ReviewDecisionId!.Value;
    public ApprovalGate Gate => Document.Gate!.Value;
}
