namespace Cutter.Rehearsal.Disposable;

/// <summary>How a disposable server is started.</summary>
internal sealed record DisposablePostgresOptions
{
    /// <summary>
    /// Trade durability for speed (fsync, synchronous_commit and full_page_writes off). Right for tests;
    /// benchmarks leave it false so they measure the default durable configuration.
    /// </summary>
    public bool Ephemeral { get; init; } = true;

    /// <summary>Where local clusters are created; defaults to the system temp folder.</summary>
    public string? WorkRoot { get; init; }
}
