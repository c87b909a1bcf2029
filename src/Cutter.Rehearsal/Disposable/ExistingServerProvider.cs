using Cutter.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Rehearsal.Disposable;

/// <summary>Provider 1: a server the user already runs, named by an admin connection string in <c>CUTTER_TEST_PG</c>.</summary>
internal sealed class ExistingServerProvider : IPostgresProvider
{
    public string Name => $"existing server ({EnvironmentNames.ExistingTestServer})";

    public async Task<(PostgresServer? Server, string? WhyNot)> TryStartAsync(DisposablePostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentNames.ExistingTestServer);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return (null, $"{EnvironmentNames.ExistingTestServer} is not set");
        }
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            return (null, $"{EnvironmentNames.ExistingTestServer} is set but the server did not accept a connection: {ex.Message}");
        }
        return (new PostgresServer(Name, connectionString, () => Task.CompletedTask), null);
    }
}
