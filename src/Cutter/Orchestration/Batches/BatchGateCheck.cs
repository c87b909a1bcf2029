using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Running;
using Cutter.Orchestration.State;
using Cutter.Store.Batches;

namespace Cutter.Orchestration.Batches;

/// <summary>
/// What a batch document's resume verifies before it writes, in place of a run-level approval and ruling: the batch
/// approval of the gate it will consume (re-verified from its stored bytes), bound to THIS document: at SG_1 the run's
/// pinned plan must cut to the payload the request listed for it, that payload must be its leaf under the signed root
/// (inclusion proof), and the document in the KB must still cut to it; at SG_2 the run must be listed in the SG_2
/// request. A failure is this document's STOP only; the batch approval also stands as the run's execution ruling until
/// the gate's age limit from its request.
/// </summary>
internal sealed class BatchGateCheck(OrchestratorServices services, BatchApprovals approvals, StoredBatch batch, StoredBatchItem item,
    IReadOnlyDictionary<ApprovalGate, StoredBatchApproval> recorded)
{
    public async Task VerifyAsync(RunContext context, RunStatus status, int next, CancellationToken ct)
    {
        var state = context.State;
        if (ResumePlanner.GateAt(next) is { } gate)
        {
            var (stored, verified) = Approval(gate, context);
            if (gate == ApprovalGate.Sg1CutAuthz) await CheckCutBindingAsync(context, verified.Document, ct);
            else if (verified.Document.Documents.All(d => d.RunId != context.RunId))
            {
                throw new StopException(StopCodes.ApprovalWrongRun, $"run {context.RunId} ({item.KbId}) is not listed in batch {batch.Name}'s SG_2 request; approve its own SG_2 request with cutter approve and resume it with cutter resume", context.RunId);
            }
            context.VerifiedApprovals[gate] = new ConsumableApproval(KbDocId.Parse(stored.ApprovalKbId), gate,
                BatchDecisionIds.For(stored.ReviewDecisionId, context.RunId), stored.ApprovalSha256, stored.Signer, stored.SignedUtc, null)
            {
                Evidence = new ApprovalEvidence(stored.ApprovalBytes, stored.Signature),
                FromBatch = true,
            };
            var record = state.Gates.GetValueOrDefault(gate) ?? new GateRecord { Gate = gate };
            record.ApprovalKbId = stored.ApprovalKbId;
            state.Gates[gate] = record;
        }
        if (next is >= 5 and <= 10)
        {
            var (stored, verified) = Approval(next == 10 ? ApprovalGate.Sg2LifecycleAuthz : ApprovalGate.Sg1CutAuthz, context);
            var ruling = new ActiveRuling(KbDocId.Parse(stored.ApprovalKbId), context.RunId, stored.Signer, approvals.Verifier.ExpiresUtc(verified.Document));
            context.Ruling = ruling;
            state.Ruling = new RulingRecord(ruling.KbId.Value, ruling.Signer, ruling.ExpiresUtc);
        }
    }

    private (StoredBatchApproval Stored, VerifiedBatchApproval Verified) Approval(ApprovalGate gate, RunContext context)
    {
        var stored = recorded.GetValueOrDefault(gate)
            ?? throw new StopException(StopCodes.ApprovalMissing, $"batch {batch.Name} has no recorded {gate.WireName()} approval", context.RunId);
        try
        {
            return (stored, approvals.Reverify(batch, stored));
        }
        catch (StopException stop)
        {
            throw new StopException(stop.Code, stop.Detail, context.RunId);
        }
    }

    private async Task CheckCutBindingAsync(RunContext context, BatchApprovalDocument approval, CancellationToken ct)
    {
        var plan = context.RequirePlan();
        var listed = approval.Documents.SingleOrDefault(d => d.RunId == context.RunId)
            ?? throw new StopException(StopCodes.ApprovalWrongRun, $"run {context.RunId} is not listed in batch {batch.Name}'s SG_1 request", context.RunId);
        var problems = new List<string>();
        if (listed.KbId != item.KbId || listed.Position != item.Position) problems.Add($"the request lists it as {listed.KbId} at {listed.Position}, the batch as {item.KbId} at {item.Position}");
        if (plan.PayloadSha.CompareWith(listed.PayloadSha) != HashComparison.Equal) problems.Add($"the run's plan cuts to {plan.PayloadSha}, the batch approved {listed.PayloadSha}");
        if (!BatchMerkleTree.Verify(BatchMerkleTree.LeafInput(item.KbId, plan.PayloadSha), item.Position, batch.DocumentCount,
                BatchMerkleTree.ParseProof(item.InclusionProof), approval.MerkleRoot))
        {
            problems.Add($"({item.KbId}, {plan.PayloadSha}) is not leaf {item.Position} under the signed root {approval.MerkleRoot}");
        }
        if (problems.Count == 0)
        {
            // The document as the KB holds it now: a text changed since the plan is held back, the rest of the batch goes on.
            var current = await services.Kb.GetAsync(item.KbId, ct);
            var now = services.Discoverer.Discover(current).PayloadSha;
            if (now.CompareWith(listed.PayloadSha) != HashComparison.Equal)
            {
                problems.Add($"{item.KbId} changed in the KB since the batch was planned: it now cuts to {now}, the batch approved {listed.PayloadSha}");
            }
        }
        if (problems.Count > 0)
        {
            throw new StopException(StopCodes.ApprovalWrongPayload, $"batch {batch.Name}: " + string.Join("; ", problems) + "; this document is held back", context.RunId);
        }
    }
}
