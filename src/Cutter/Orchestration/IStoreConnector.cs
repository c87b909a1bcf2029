using Cutter.Store;
using Npgsql;

namespace Cutter.Orchestration;

/// <summary>Opens connections to the governed store, one lane at a time. Phases never see credentials.</summary>
public interface IStoreConnector
{
    Task<NpgsqlConnection> OpenAsync(Lane lane, CancellationToken cancellationToken);
}

/// <summary>
/// Connects through one data source per lane (<see cref="LaneDataSources"/>), built once from the lane's connection
/// string (from the environment or a disposable store). Disposing it closes the lanes' idle connections.
/// </summary>
internal sealed class LaneConnector(Func<Lane, string> connectionString) : IStoreConnector, IStoreServer, IAsyncDisposable
{
    private readonly LaneDataSources _lanes = new(connectionString);

    public string Server
    {
        get
        {
            var endpoint = StoreEndpoint.FromConnectionString(connectionString(Lane.Exec));
            return $"{endpoint.Host}:{endpoint.Port}/{endpoint.Database}";
        }
    }

    public Task<NpgsqlConnection> OpenAsync(Lane lane, CancellationToken cancellationToken) => _lanes.OpenConnectionAsync(lane, cancellationToken);

    public ValueTask DisposeAsync() => _lanes.DisposeAsync();
}
