namespace Cutter.Orchestration.Workers;

/// <summary>
/// How a worker runs: whose it is (<paramref name="Worker"/>, default <see cref="WorkerIdentity.FromEnvironment"/>),
/// which batch (null: every batch), the lease it takes per item, one item only (<paramref name="Once"/>), or keep polling
/// for approvals and new batches (<paramref name="Follow"/>, every <paramref name="PollInterval"/>).
/// </summary>
internal sealed record WorkerOptions(string Worker, Guid? BatchId, TimeSpan Lease, bool Once, bool Follow, TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>A lease shorter than this leaves no room for a renewal round trip under load.</summary>
    public static readonly TimeSpan ShortestLease = TimeSpan.FromSeconds(3);
}
