using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Batches;

/// <summary>Where one document of a batch ended after it was worked: its queue state and, if stopped, why.</summary>
internal sealed record BatchItemOutcome(string State, string? StopCode, string? StopDetail, RunStatus? RunStatus);

/// <summary>
/// Takes ONE document of a batch forward as far as its batch's approvals allow: the run is resumed through the same
/// path as <c>cutter resume</c> (document lock, state.json checked against the store, ledger reconciled, pinned plan
/// restored), with <see cref="BatchGateCheck"/> in place of a run-level approval. It ends waiting at SG_2
/// (<c>awaiting_gate</c>), closed out (<c>done</c>), or held back by a STOP (<c>stopped</c>, the code and detail kept), and
/// writes that to the item, releasing its lease. <c>cutter batch resume</c> calls it for each item in turn; <c>cutter
/// worker</c> calls it for each item it takes from the queue (<see cref="BatchStore.TakeNextAsync"/>).
/// </summary>
internal sealed class BatchDocumentWork(OrchestratorServices services, OrchestratorRunner runner, BatchApprovals approvals)
{
    /// <summary>The queue code of a failure that is not a STOP (bad input, a run already finished): the detail says what.</summary>
    public const string ErrorCode = "CUTTER_ERROR";

    /// <summary>
    /// Takes the next workable item (of <paramref name="batchId"/>, or of any batch when null) under a lease for
    /// <paramref name="owner"/> and works it; null when nothing is queued. The loop of <c>cutter batch resume</c> and of a worker.
    /// </summary>
    public async Task<(StoredBatchItem Item, BatchItemOutcome Outcome)?> TakeAndWorkNextAsync(Guid? batchId, string owner, TimeSpan lease, CancellationToken ct)
    {
        StoredBatchItem? item;
        StoredBatch? batch = null;
        await using (var connection = await services.Store.OpenAsync(Lane.Exec, ct))
        {
            item = await BatchStore.TakeNextAsync(connection, batchId, owner, lease, ct);
            if (item is not null) batch = await BatchStore.FindByIdAsync(connection, item.BatchId, ct);
        }
        if (item is null || batch is null) return null;
        return (item, await WorkAsync(batch, item, ct));
    }

    public async Task<BatchItemOutcome> WorkAsync(StoredBatch batch, StoredBatchItem item, CancellationToken ct)
    {
        var outcome = await RunAsync(batch, item, ct);
        await using (var connection = await services.Store.OpenAsync(Lane.Exec, ct))
        {
            await BatchStore.SetItemStateAsync(connection, batch.BatchId, item.Position, outcome.State, outcome.StopCode, outcome.StopDetail, ct);
        }
        services.Logger.LogInformation("batch {Name}: {Document} (run {RunId}) is {State}{Stop}", batch.Name, item.KbId, item.RunId, outcome.State,
            outcome.StopCode is null ? "" : $" ({outcome.StopCode}: {outcome.StopDetail})");
        return outcome;
    }

    /// <summary>Takes the document forward and says where it ended, writing nothing to the item (a worker hands it back itself, under its lease).</summary>
    public async Task<BatchItemOutcome> RunAsync(StoredBatch batch, StoredBatchItem item, CancellationToken ct)
    {
        var recorded = new Dictionary<ApprovalGate, StoredBatchApproval>();
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, ct))
        {
            foreach (var gate in new[] { ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz })
            {
                if (await BatchStore.ApprovalAsync(connection, batch.BatchId, gate.WireName(), ct) is { } approval) recorded[gate] = approval;
            }
        }
        try
        {
            var before = runner.Status(item.RunId);
            if (before.Status == RunStatus.CloseoutReported) return Outcome(before);
            // A run waiting at a gate the batch has not approved for it (SG_1 unsigned; SG_2 unsigned, or the run not in
            // the SG_2 request) waits on, without a STOP.
            var waiting = before.Status switch
            {
                RunStatus.AwaitingSg1 => !recorded.ContainsKey(ApprovalGate.Sg1CutAuthz),
                RunStatus.AwaitingSg2 => !recorded.ContainsKey(ApprovalGate.Sg2LifecycleAuthz) || !item.Sg2Requested,
                _ => false,
            };
            if (waiting || !recorded.TryGetValue(ApprovalGate.Sg1CutAuthz, out var approval))
            {
                return new BatchItemOutcome(BatchItemStates.AwaitingGate, null, null, before.Status);
            }
            var check = new BatchGateCheck(services, approvals, batch, item, recorded);
            var after = await runner.ResumeUnderAsync(item.RunId, KbDocId.Parse(approval.ApprovalKbId), check.VerifyAsync, ct);
            return Outcome(after);
        }
        catch (StopException stop)
        {
            return new BatchItemOutcome(BatchItemStates.Stopped, stop.Code.Code, stop.Detail, RunStatus.Stopped);
        }
        catch (CutterException error)
        {
            return new BatchItemOutcome(BatchItemStates.Stopped, ErrorCode, error.Message, null);
        }
    }

    private static BatchItemOutcome Outcome(RunState state) => state.Status switch
    {
        RunStatus.CloseoutReported => new(BatchItemStates.Done, null, null, state.Status),
        RunStatus.AwaitingSg2 or RunStatus.AwaitingSg1 => new(BatchItemStates.AwaitingGate, null, null, state.Status),
        _ => new(BatchItemStates.Stopped, state.Stop?.Code ?? ErrorCode, state.Stop?.Detail ?? $"the run is {state.Status.WireName()}", state.Status),
    };
}
