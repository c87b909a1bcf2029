using Cutter.Orchestration.Batches;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Batches;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// Takes a batch document forward through the batch's own per-document path (<see cref="BatchDocumentWork"/>: the
/// resume path of <c>cutter resume</c> with the batch's approval in place of a run-level one, through the ledger after
/// a crash), and turns where it ended into the state the worker hands the item back in. The batch row is read again
/// for every item: its state and SG_2 request move on while workers run.
/// </summary>
internal sealed class BatchItemAdvancer(OrchestratorServices services, BatchDocumentWork work) : IDocumentAdvancer
{
    public async Task<AdvanceResult> AdvanceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        StoredBatch batch;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            batch = await BatchStore.FindByIdAsync(connection, item.BatchId, cancellationToken)
                ?? throw new Domain.CutterException($"batch {item.BatchId} of {item.Document} is gone from the store");
        }
        var outcome = await work.RunAsync(batch, item.Row, cancellationToken);
        return outcome switch
        {
            { State: BatchItemStates.Done } => new AdvanceResult(WorkOutcome.Closed, "closeout reported"),
            { State: BatchItemStates.AwaitingGate } => new AdvanceResult(WorkOutcome.AwaitingGate, $"waits at {outcome.RunStatus?.WireName() ?? "its gate"} for the batch's approval"),
            // Another process holds the document (a worker whose lease lapsed while it still works): back to the queue.
            { StopCode: var code } when code == Domain.StopCodes.DocumentLocked.Code => new AdvanceResult(WorkOutcome.Busy, $"{code}: {outcome.StopDetail}", code),
            _ => new AdvanceResult(WorkOutcome.Stopped, $"{outcome.StopCode}: {outcome.StopDetail}", outcome.StopCode),
        };
    }
}
