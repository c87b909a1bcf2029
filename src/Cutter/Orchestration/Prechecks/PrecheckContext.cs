using Cutter.Configuration;
using Cutter.Store;
using Npgsql;

namespace Cutter.Orchestration.Prechecks;

/// <summary>What a precheck may look at. Nothing here can write.</summary>
internal sealed record PrecheckContext(
    OrchestratorSettings Settings,
    Func<CancellationToken, Task<NpgsqlConnection>> OpenVerifyConnection,
    Func<string, string?> ReadEnvironment,
    TimeProvider Time,
    string HostName)
{
    /// <summary>
    /// The context of a real install: settings and environment from <paramref name="configuration"/>, the store through
    /// the verify lane (<c>DOT_CUTTER_DB_*</c> and <c>DOT_CUTTER_VERIFY_DB_*</c>, read only when a check connects, so a
    /// missing variable fails that check's line, not the whole report), and the machine's host name.
    /// </summary>
    public static PrecheckContext FromConfiguration(CutterConfiguration configuration, TimeProvider time, string? hostName = null)
    {
        var read = configuration.ReadEnvironment;
        return new PrecheckContext(
            configuration.Orchestrator,
            async cancellationToken =>
            {
                var endpoint = StoreEndpoint.FromEnvironment(read);
                var credentials = LaneCredentials.FromEnvironment(Lane.Verify, read);
                var connection = new NpgsqlConnection(endpoint.ConnectionString(credentials, "cutter-precheck"));
                try
                {
                    await connection.OpenAsync(cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }
                return connection;
            },
            read,
            time,
            hostName ?? HostIdentityCheck.MachineHostName());
    }
}
