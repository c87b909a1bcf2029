using System.Diagnostics;
using Cutter.Orchestration.Running;
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
            var item = await PatientlyAsync(() => queue.ClaimAsync(options.BatchId, options.Worker, options.Lease, cancellationToken), cancellationToken);
            if (item is null)
            {
                // A gate signed since: recording it makes its items ready.
                await PatientlyAsync(async () => { await whenIdle(options.BatchId, cancellationToken); return true; }, cancellationToken);
                item = await PatientlyAsync(() => queue.ClaimAsync(options.BatchId, options.Worker, options.Lease, cancellationToken), cancellationToken);
            }
            if (item is null)
            {
                var left = await PatientlyAsync(() => queue.CountsAsync(options.BatchId, cancellationToken), cancellationToken);
                if (!options.Follow && (left.NothingToWork || options.Once)) return new WorkerSummary(options.Worker, worked, left);
                // Another worker's lease may run out, or an approval arrive: look again shortly.
                await Task.Delay(options.Follow ? options.PollInterval : Min(options.PollInterval, options.Lease / 3), time, cancellationToken);
                continue;
            }
            worked.Add(await WorkAsync(item, options, cancellationToken));
            if (options.Once) return new WorkerSummary(options.Worker, worked, await PatientlyAsync(() => queue.CountsAsync(options.BatchId, cancellationToken), cancellationToken));
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
            catch (Exception ex) when (StoreOutage.Is(ex) || ex is TimeoutException)
            {
                // The store was out of reach before the run could record a STOP (taking the document lock, reading the batch).
                result = new AdvanceResult(WorkOutcome.Busy, $"the store could not be reached: {ex.Message}", Domain.StopCodes.StoreUnavailable.Code);
            }
        }
        result = Transient(result, item);

        // A worker that lost the lease writes nothing to the row: the item belongs to whoever took it over.
        var handedBack = result.Outcome != WorkOutcome.Abandoned
            && await PatientlyAsync(() => queue.ReleaseAsync(item, options.Worker, result, CancellationToken.None), CancellationToken.None);
        log.Append(Entry("released", options, item, null, handedBack || result.Outcome == WorkOutcome.Abandoned ? Wire(result.Outcome) : "lease_lost", result.Detail));
        progress($"{options.Worker}: {item.Document} {Wire(result.Outcome)}: {result.Detail} ({clock.Elapsed.TotalSeconds:F1} s)");
        cancellationToken.ThrowIfCancellationRequested();
        return new WorkedItem(item.Position, item.Document.Value, item.RunId.ToString(), result.Outcome, result.Detail, clock.ElapsedMilliseconds);
    }

    private WorkLogEntry Entry(string @event, WorkerOptions options, WorkItem item, DateTimeOffset? leaseUntil, string? outcome, string? detail) =>
        new(@event, options.Worker, item.BatchId, item.Position, item.Document.Value, item.RunId.ToString(), item.Attempts, time.GetUtcNow(), leaseUntil, outcome, detail);

    /// <summary>
    /// A STOP that only says the store was briefly out of reach or contended is tried again by the next worker to take the
    /// item, up to <see cref="TransientAttempts"/> takes; after that it holds the item back like any STOP.
    /// </summary>
    private static AdvanceResult Transient(AdvanceResult result, WorkItem item) =>
        result is { Outcome: WorkOutcome.Stopped, StopCode: var code } && TransientStops.Contains(code) && item.Attempts < TransientAttempts
            ? result with { Outcome = WorkOutcome.Busy }
            : result is { Outcome: WorkOutcome.Busy } && item.Attempts >= TransientAttempts
                ? result with { Outcome = WorkOutcome.Stopped }
                : result;

    public const int TransientAttempts = 5;

    private static readonly string?[] TransientStops = [Domain.StopCodes.StoreUnavailable.Code, Domain.StopCodes.StoreContention.Code];

    /// <summary>
    /// A queue call that meets a store out of reach (a connection timeout under load, a restart) is tried again after
    /// 1, 2, 4 and 8 seconds before the worker gives up with the error.
    /// </summary>
    private async Task<T> PatientlyAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when ((StoreOutage.Is(ex) || ex is TimeoutException) && attempt < 5)
            {
                logger.LogWarning("the store could not be reached ({Reason}); trying again", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1 << (attempt - 1)), time, cancellationToken);
            }
        }
    }

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
