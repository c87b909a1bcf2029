namespace Cutter.Orchestration.Workers;

/// <summary>
/// The batch work-item queue in the store. Every method is one short transaction; a claim takes a row with
/// <c>FOR UPDATE SKIP LOCKED</c> so that concurrent workers never wait on each other's rows nor take the same one.
/// </summary>
internal interface IWorkQueue
{
    /// <summary>
    /// Takes the next item ready to work (queued, at a gate whose batch approval is present, or leased by a worker whose
    /// lease ran out) for <paramref name="owner"/> until now + <paramref name="lease"/>; null when none is ready.
    /// </summary>
    Task<WorkItem?> ClaimAsync(Guid? batchId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when <paramref name="owner"/> no longer holds it (it ran out and another took the item).</summary>
    Task<bool> RenewAsync(WorkItem item, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Hands the item back in the state <paramref name="result"/> calls for, if <paramref name="owner"/> still holds it; false when it did not.</summary>
    Task<bool> ReleaseAsync(WorkItem item, string owner, AdvanceResult result, CancellationToken cancellationToken);

    /// <summary>What is left: items a worker could take now or later, and items waiting for an approval.</summary>
    Task<QueueCounts> CountsAsync(Guid? batchId, CancellationToken cancellationToken);
}

/// <summary>
/// <paramref name="Ready"/>: claimable now; <paramref name="Leased"/>: held by a live lease; <paramref name="AwaitingApproval"/>: at a
/// gate with no batch approval yet; <paramref name="Done"/> and <paramref name="Stopped"/>: finished either way.
/// </summary>
internal readonly record struct QueueCounts(int Ready, int Leased, int AwaitingApproval, int Done, int Stopped)
{
    /// <summary>Nothing any worker can do now or when a lease runs out: only approvals (or operators) can move the batch on.</summary>
    public bool NothingToWork => Ready == 0 && Leased == 0;
}
