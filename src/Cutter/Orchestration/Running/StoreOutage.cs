using Cutter.Domain;
using Npgsql;

namespace Cutter.Orchestration.Running;

/// <summary>
/// A store that went away under a run (restarted, crashed, shutting down, refusing connections) is
/// <see cref="StopCodes.StoreUnavailable"/> naming the server: PostgreSQL rolled the open transaction back, so the
/// run is resumable once the server is back. An error the server reported about the SQL itself is not an outage.
/// </summary>
internal static class StoreOutage
{
    public static bool Is(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        _ => false,
    };

    public static StopException Stop(OrchestratorServices services, Exception ex, RunId runId, int? phase)
    {
        var server = services.Store is IStoreServer named ? named.Server : "the store's server";
        var reason = ex is PostgresException pg ? $"{pg.SqlState} {pg.MessageText}" : ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return new StopException(StopCodes.StoreUnavailable, $"lost the connection to {server}: {reason}", runId, phase);
    }
}
