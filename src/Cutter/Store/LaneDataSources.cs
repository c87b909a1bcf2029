using Npgsql;

namespace Cutter.Store;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> per lane, each built once (on the lane's first use) from that lane's
/// configured connection string, so every connection of a lane shares one pool and one configuration. Disposing
/// closes the pools' idle connections: nothing of a run's sessions outlives it (a dropped or template database is
/// then free) without clearing every pool of the process.
/// </summary>
internal sealed class LaneDataSources : IAsyncDisposable
{
    private readonly Dictionary<Lane, Lazy<NpgsqlDataSource>> _sources;
    private int _disposed;

    /// <param name="connectionString">A lane's connection string; read once per lane, when the lane is first used.</param>
    public LaneDataSources(Func<Lane, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _sources = Enum.GetValues<Lane>().ToDictionary(
            lane => lane,
            lane => new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(connectionString(lane)), LazyThreadSafetyMode.ExecutionAndPublication));
    }

    /// <summary>Opens a connection on <paramref name="lane"/>'s data source.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(Lane lane, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        return await _sources[lane].Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated))
        {
            await source.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
