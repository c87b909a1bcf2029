namespace Cutter.Rehearsal.Disposable;

/// <summary>How a disposable server is started.</summary>
internal sealed record DisposablePostgresOptions
{
    /// <summary>
    /// Trade durability for speed (fsync, synchronous_commit and full_page_writes off). Right for tests;
    /// benchmarks leave it false so they measure the default durable configuration.
    /// </summary>
    public bool Ephemeral { get; init; } = true;

    /// <summary>
    /// Server settings (name, value) a local cluster starts with, after the ones above: benchmarks size the server
    /// (shared_buffers, max_wal_size) as a production server is sized. Names and values are plain words (letters,
    /// digits, <c>_ . -</c>); anything else is refused, since they reach <c>pg_ctl -o</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerSettings { get; init; } = [];

    /// <summary>Where local clusters are created; defaults to the system temp folder.</summary>
    public string? WorkRoot { get; init; }
}
