using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Governance.Signatures;
using Cutter.Store;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Batches;

/// <summary>
/// A batch's gate approvals: records a signed request the first time it is found beside its request file (after
/// checking the signature, the request sha the batch recorded, the batch, gate, root, allowance and freshness; a
/// tampered or foreign file refuses the whole batch with its STOP_APPROVAL_* code and nothing written), and re-verifies a
/// recorded one from its stored bytes before any document uses it.
/// </summary>
internal sealed class BatchApprovals(OrchestratorServices services, AllowedSigners allowedSigners)
{
    public BatchApprovalVerifier Verifier { get; } = new(allowedSigners, services.Time);

    /// <summary>The recorded approval of <paramref name="gate"/>, recording it now if its signature lies beside the request; null while unsigned.</summary>
    public async Task<StoredBatchApproval?> RecordIfSignedAsync(StoredBatch batch, ApprovalGate gate, CancellationToken ct)
    {
        await using (var read = await services.Store.OpenAsync(Lane.Verify, ct))
        {
            if (await BatchStore.ApprovalAsync(read, batch.BatchId, gate.WireName(), ct) is { } recorded) return recorded;
        }
        var path = BatchFiles.RequestPath(services.Settings, batch.Name, gate);
        var signaturePath = BatchFiles.SignaturePath(path);
        if (!File.Exists(signaturePath)) return null;
        if (!File.Exists(path)) throw new InvalidInputException(path, $"the batch's {gate.WireName()} request is missing beside its signature");
        var raw = await File.ReadAllBytesAsync(path, ct);
        var signature = await File.ReadAllTextAsync(signaturePath, ct);
        var verified = Verifier.Verify(raw, signature, gate, batch.BatchId, Root(batch), RequestSha(batch, gate), path);

        // The approval goes to the KB like any approval (its id is what the runs' decisions and flag cite); the key is its sha.
        var kbId = await services.Kb.CreateAsync(raw, $"approval:{verified.Sha256}", ct);
        await services.Kb.PutSignatureAsync(kbId, signature, ct);
        var approval = new StoredBatchApproval(batch.BatchId, gate.WireName(), kbId.Value, verified.Sha256.Value, verified.Document.ReviewDecisionId,
            verified.Signer, verified.Document.RequestedUtc, raw, signature);
        await using (var write = await services.Store.OpenAsync(Lane.Exec, ct))
        {
            await BatchStore.RecordApprovalAsync(write, approval, services.Time.GetUtcNow(), ct);
        }
        services.Logger.LogInformation("batch {Name}: {Gate} approved by {Signer} as {KbId}", batch.Name, gate.WireName(), verified.Signer, kbId);
        return approval;
    }

    /// <summary>Re-verifies a recorded approval (signature, binding, freshness) before a document relies on it.</summary>
    public VerifiedBatchApproval Reverify(StoredBatch batch, StoredBatchApproval approval)
    {
        var gate = ApprovalGates.TryParse(approval.Gate, out var g) ? g : throw new CutterException($"batch {batch.Name}: unknown gate {approval.Gate}");
        return Verifier.Verify(approval.ApprovalBytes, approval.Signature, gate, batch.BatchId, Root(batch), RequestSha(batch, gate), approval.ApprovalKbId);
    }

    public static VersionedHash Root(StoredBatch batch) => VersionedHash.Parse(batch.MerkleRoot, HashForms.BatchRoot.Family, "batch merkle_root");

    private static string RequestSha(StoredBatch batch, ApprovalGate gate) =>
        (gate == ApprovalGate.Sg1CutAuthz ? batch.Sg1RequestSha : batch.Sg2RequestSha)
        ?? throw new InvalidInputException("batch", $"batch {batch.Name} has no {gate.WireName()} request yet");
}
