using Cutter.Store;
using Npgsql;

namespace Cutter.Orchestration;

/// <summary>Opens connections to the governed store, one lane at a time. Phases never see credentials.</summary>
public interface IStoreConnector
{
    Task<NpgsqlConnection> OpenAsync(Lane lane, CancellationToken cancellationToken);
}

/// <summary>Connects with a connection string per lane (built from the environment or a disposable store).</summary>
public sealed class LaneConnector(Func<Lane, string> connectionString) : IStoreConnector
{
    public async Task<NpgsqlConnection> OpenAsync(Lane lane, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString(lane));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
