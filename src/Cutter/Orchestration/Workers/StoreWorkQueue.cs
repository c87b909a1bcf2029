using Cutter.Store;
using Cutter.Store.Batches;
using Cutter.Store.WorkQueue;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// The batch work queue in the store (0012's <c>batch_item</c>), each call one short transaction on the exec lane: the
/// claim and the renewal are the batch's own (<see cref="BatchStore.TakeNextAsync"/>, <see cref="BatchStore.RenewLeaseAsync"/>);
/// the release here touches the row only while this worker still holds its lease.
/// </summary>
internal sealed class StoreWorkQueue(IStoreConnector store) : IWorkQueue
{
    public async Task<WorkItem?> ClaimAsync(Guid? batchId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        return await BatchStore.TakeNextAsync(connection, batchId, owner, lease, cancellationToken) is { } row ? new WorkItem(row) : null;
    }

    public async Task<bool> RenewAsync(WorkItem item, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        return await BatchStore.RenewLeaseAsync(connection, item.BatchId, item.Position, owner, lease, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(WorkItem item, string owner, AdvanceResult result, CancellationToken cancellationToken)
    {
        var (state, stop) = result.Outcome switch
        {
            WorkOutcome.Closed => ("done", null),
            WorkOutcome.AwaitingGate => ("awaiting_gate", null),
            WorkOutcome.Stopped => ("stopped", result.StopCode ?? Cutter.Orchestration.Batches.BatchDocumentWork.ErrorCode),
            _ => ("queued", (string?)null),
        };
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        return await WorkQueueStore.ReleaseAsync(connection, item.BatchId, item.Position, owner, state, stop, stop is null ? null : result.Detail, cancellationToken);
    }

    public async Task<QueueCounts> CountsAsync(Guid? batchId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(Lane.Exec, cancellationToken);
        var counts = await WorkQueueStore.CountsAsync(connection, batchId, cancellationToken);
        int Of(string state) => counts.GetValueOrDefault(state);
        return new QueueCounts(Of("queued"), Of("working"), Of("awaiting_gate"), Of("done"), Of("stopped"));
    }
}
