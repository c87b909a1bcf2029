using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// <c>cutter worker</c>'s loop: claim an item (one short transaction, <c>FOR UPDATE SKIP LOCKED</c>), work it under a
/// lease renewed in the background, hand it back in the state its run reached, repeat. It exits when nothing is left
/// that a worker can do (what waits for an approval is left to the approver), or after one item with
/// <see cref="WorkerOptions.Once"/>; with <see cref="WorkerOptions.Follow"/> it keeps polling until cancelled. When it
/// finds nothing to take it first calls <c>whenIdle</c> (recording batch approvals signed since).
/// </summary>
internal sealed class WorkerLoop(IWorkQueue queue, IDocumentAdvancer advancer, WorkLog log, TimeProvider time, ILogger logger, Action<string> progress,
    Func<Guid?, CancellationToken, Task> whenIdle)
{
    public async Task<WorkerSummary> RunAsync(WorkerOptions options, CancellationToken cancellationToken)
    {
        var worked = new List<WorkedItem>();
        while (true)
        {
            var item = await queue.ClaimAsync(options.BatchId, options.Worker, options.Lease, cancellationToken);
            if (item is null)
            {
                // A gate signed since: recording it makes its items ready.
                await whenIdle(options.BatchId, cancellationToken);
                item = await queue.ClaimAsync(options.BatchId, options.Worker, options.Lease, cancellationToken);
            }
            if (item is null)
            {
                var left = await queue.CountsAsync(options.BatchId, cancellationToken);
                if (!options.Follow && (left.NothingToWork || options.Once)) return new WorkerSummary(options.Worker, worked, left);
                // Another worker's lease may run out, or an approval arrive: look again shortly.
                await Task.Delay(options.Follow ? options.PollInterval : Min(options.PollInterval, options.Lease / 3), time, cancellationToken);
                continue;
            }
            worked.Add(await WorkAsync(item, options, cancellationToken));
            if (options.Once) return new WorkerSummary(options.Worker, worked, await queue.CountsAsync(options.BatchId, cancellationToken));
        }
    }

    private async Task<WorkedItem> WorkAsync(WorkItem item, WorkerOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        log.Append(Entry("claimed", options, item, item.LeaseUntil, null, null));
        progress($"{options.Worker}: took {item}, attempt {item.Attempts}, run {item.RunId}");

        AdvanceResult result;
        await using (var lease = new LeaseKeeper(queue, item, options.Worker, options.Lease, time, logger,
            until => log.Append(Entry("renewed", options, item, until, null, null)),
            cancellationToken))
        {
            try
            {
                result = await advancer.AdvanceAsync(item, lease.Token);
            }
            catch (OperationCanceledException) when (lease.Token.IsCancellationRequested)
            {
                result = new AdvanceResult(WorkOutcome.Abandoned, lease.LostBecause ?? "the worker was stopped");
            }
        }

        // A worker that lost the lease writes nothing to the row: the item belongs to whoever took it over.
        var handedBack = result.Outcome != WorkOutcome.Abandoned && await queue.ReleaseAsync(item, options.Worker, result, CancellationToken.None);
        log.Append(Entry("released", options, item, null, handedBack || result.Outcome == WorkOutcome.Abandoned ? Wire(result.Outcome) : "lease_lost", result.Detail));
        progress($"{options.Worker}: {item.Document} {Wire(result.Outcome)}: {result.Detail} ({clock.Elapsed.TotalSeconds:F1} s)");
        cancellationToken.ThrowIfCancellationRequested();
        return new WorkedItem(item.Position, item.Document.Value, item.RunId.ToString(), result.Outcome, result.Detail, clock.ElapsedMilliseconds);
    }

    private WorkLogEntry Entry(string @event, WorkerOptions options, WorkItem item, DateTimeOffset? leaseUntil, string? outcome, string? detail) =>
        new(@event, options.Worker, item.BatchId, item.Position, item.Document.Value, item.RunId.ToString(), item.Attempts, time.GetUtcNow(), leaseUntil, outcome, detail);

    public static string Wire(WorkOutcome outcome) => outcome switch
    {
        WorkOutcome.Closed => "closed",
        WorkOutcome.AwaitingGate => "awaiting_gate",
        WorkOutcome.Stopped => "stopped",
        WorkOutcome.Busy => "busy",
        _ => "abandoned",
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
