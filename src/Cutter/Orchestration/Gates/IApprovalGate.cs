using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Governance.Approvals;

namespace Cutter.Orchestration.Gates;

/// <summary>What a gate asks an approver to bind: the gate, the run, and the payload (SG_1) or the action and state (SG_3).</summary>
public sealed record GateRequest(ApprovalGate Gate, RunId RunId, VersionedHash PayloadSha, int CandidateCount, KbDocId? RequestKbId, string? Action = null, VersionedHash? StateSha = null);

/// <summary>An approval that passed every check; consuming it writes one review decision.</summary>
public sealed record ConsumableApproval(
    KbDocId ApprovalKbId, ApprovalGate Gate, Guid ReviewDecisionId, string ApprovalSha256, string Signer, DateTimeOffset SignedUtc, KbDocId? RulingKbId)
{
    /// <summary>
    /// The approval document's exact bytes and its detached signature, stored with the review decision so an auditor can
    /// re-verify it offline (null for a Simulate run's stand-in, which binds nothing).
    /// </summary>
    internal ApprovalEvidence? Evidence { get; init; }

    /// <summary>
    /// A batch's approval (docs/batches.md): consuming it records the run's decision through the store's
    /// <c>record_batch_decision</c>, which names the batch approval as the decision's evidence (0014: by its sha, not a copy) and derives the decision id.
    /// </summary>
    internal bool FromBatch { get; init; }
}

/// <summary>The signed approval itself: its bytes as stored in the KB and its detached armored SSHSIG signature.</summary>
internal sealed record ApprovalEvidence(byte[] Document, string Signature);

/// <summary>An execution ruling that passed every check: it authorizes flipping the execution flag for one run until it expires.</summary>
public sealed record ActiveRuling(KbDocId KbId, RunId RunId, string Signer, DateTimeOffset ExpiresUtc);

/// <summary>
/// Checks signed approvals and execution rulings. Every failure is a <see cref="StopException"/> with its own
/// STOP_APPROVAL_* or STOP_RULING_INVALID code, and nothing is written when one fires.
/// </summary>
public interface IApprovalGate
{
    Task<ConsumableApproval> VerifyApprovalAsync(GateRequest request, KbDocId approvalKbId, CancellationToken cancellationToken);

    Task<ActiveRuling> VerifyRulingAsync(RunId runId, KbDocId rulingKbId, CancellationToken cancellationToken);
}
