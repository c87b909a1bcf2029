using Cutter.Configuration;
using Cutter.Domain;
using Npgsql;

namespace Cutter.Store;

/// <summary>Where the governed store is (host, port, database, TLS), from the DOT_CUTTER_DB_* variables.</summary>
internal sealed record StoreEndpoint(string Host, int Port, string Database, SslMode SslMode)
{
    public static StoreEndpoint FromEnvironment(Func<string, string?> read)
    {
        var host = Require(read, EnvironmentNames.DbHost);
        var portText = read(EnvironmentNames.DbPort);
        var port = 5432;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new InvalidInputException(EnvironmentNames.DbPort, $"'{portText}' is not a TCP port (1-65535)");
        }
        var database = Require(read, EnvironmentNames.DbName);
        var sslText = read(EnvironmentNames.DbSslMode);
        var ssl = SslMode.Prefer;
        if (!string.IsNullOrWhiteSpace(sslText) && !Enum.TryParse(sslText.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out ssl))
        {
            throw new InvalidInputException(EnvironmentNames.DbSslMode, $"'{sslText}' is not one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        return new StoreEndpoint(host, port, database, ssl);
    }

    public static StoreEndpoint FromConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new StoreEndpoint(builder.Host ?? "localhost", builder.Port, builder.Database ?? "postgres", builder.SslMode);
    }

    public string ConnectionString(LaneCredentials credentials, string applicationName = "cutter") => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = Database,
        SslMode = SslMode,
        Username = credentials.User,
        Password = credentials.Password,
        ApplicationName = applicationName,
        // COPY of a million rows and the enact UPDATE can take longer than the default 30 s.
        CommandTimeout = 600,
    }.ConnectionString;

    private static string Require(Func<string, string?> read, string name) =>
        read(name) is { Length: > 0 } value ? value : throw new InvalidInputException(name, "is not set");
}
