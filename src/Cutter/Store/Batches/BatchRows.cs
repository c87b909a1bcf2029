using Cutter.Domain;

namespace Cutter.Store.Batches;

/// <summary>A batch row (0012): its name, documents' Merkle root, the sha256 of its gate requests and where it stands.</summary>
internal sealed record StoredBatch(Guid BatchId, string Name, string Actor, int DocumentCount, string MerkleRoot, string Sg1RequestSha, string? Sg2RequestSha,
    string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A batch item row: one document's leaf (immutable) and its place in the work queue.</summary>
internal sealed record StoredBatchItem(Guid BatchId, int Position, KbDocId KbId, RunId RunId, string PayloadSha, int CandidateCount, string InclusionProof,
    bool Sg2Requested, string State, string? StopCode, string? StopDetail, string? LeaseOwner, DateTimeOffset? LeaseUntil, int Attempts, DateTimeOffset UpdatedAt);

/// <summary>A recorded batch gate approval, with its evidence.</summary>
internal sealed record StoredBatchApproval(Guid BatchId, string Gate, string ApprovalKbId, string ApprovalSha256, Guid ReviewDecisionId, string Signer,
    DateTimeOffset SignedUtc, byte[] ApprovalBytes, string Signature);

/// <summary>What <c>batch_create</c> inserts for one document.</summary>
internal sealed record NewBatchItem(KbDocId KbId, RunId RunId, string PayloadSha, int CandidateCount, string InclusionProof);

/// <summary>The queue states of a batch item (0012's batch_item.state).</summary>
internal static class BatchItemStates
{
    public const string AwaitingGate = "awaiting_gate";
    public const string Queued = "queued";
    public const string Working = "working";
    public const string Done = "done";
    public const string Stopped = "stopped";
}
