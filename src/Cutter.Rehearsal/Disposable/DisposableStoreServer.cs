using System.Security.Cryptography;
using Cutter.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutter.Rehearsal.Disposable;

/// <summary>
/// A disposable server with a migrated template database and lane passwords set, so tests, the rehearsal and
/// benchmarks get a fresh governed store per use with one <c>CREATE DATABASE ... TEMPLATE</c>.
/// </summary>
internal sealed class DisposableStoreServer : IAsyncDisposable
{
    public const string TemplateDatabase = "cutter_template";

    private DisposableStoreServer(PostgresServer server, LaneCredentials exec, LaneCredentials verify)
    {
        Server = server;
        ExecCredentials = exec;
        VerifyCredentials = verify;
    }

    public PostgresServer Server { get; }
    public LaneCredentials ExecCredentials { get; }
    public LaneCredentials VerifyCredentials { get; }

    public static async Task<DisposableStoreServer> StartAsync(DisposablePostgresOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var server = await DisposablePostgres.StartAsync(options, logger, cancellationToken: cancellationToken);
        try
        {
            await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {TemplateDatabase} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync(cancellationToken);
            }
            await server.CreateDatabaseAsync(name: TemplateDatabase, cancellationToken: cancellationToken);
            var owner = server.ConnectionStringFor(TemplateDatabase);
            await StoreMigrator.MigrateAsync(owner, logger, cancellationToken);
            var exec = new LaneCredentials(LaneRoles.Exec, RandomNumberGenerator.GetHexString(32, lowercase: true));
            var verify = new LaneCredentials(LaneRoles.Verify, RandomNumberGenerator.GetHexString(32, lowercase: true));
            await LanePasswords.SetAsync(owner, Lane.Exec, exec.Password, cancellationToken);
            await LanePasswords.SetAsync(owner, Lane.Verify, verify.Password, cancellationToken);
            // CREATE DATABASE ... TEMPLATE needs the template free of sessions: close the owner login's idle pooled
            // ones (migrations and lane passwords ran on it), not every pool of the process.
            await using (var pooled = new NpgsqlConnection(owner)) NpgsqlConnection.ClearPool(pooled);
            return new DisposableStoreServer(server, exec, verify);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh, migrated store database.</summary>
    public async Task<StoreDatabase> NewStoreAsync(CancellationToken cancellationToken = default)
    {
        var name = await Server.CreateDatabaseAsync(TemplateDatabase, cancellationToken: cancellationToken);
        return new StoreDatabase(this, name);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>One store database on a <see cref="DisposableStoreServer"/>, with a connection string per lane and for the owner.</summary>
internal sealed class StoreDatabase : IAsyncDisposable
{
    private readonly DisposableStoreServer _host;

    internal StoreDatabase(DisposableStoreServer host, string name)
    {
        _host = host;
        Name = name;
        Endpoint = StoreEndpoint.FromConnectionString(host.Server.ConnectionStringFor(name));
    }

    public string Name { get; }
    public StoreEndpoint Endpoint { get; }
    public string OwnerConnectionString => _host.Server.ConnectionStringFor(Name);
    public string ExecConnectionString => Endpoint.ConnectionString(_host.ExecCredentials);
    public string VerifyConnectionString => Endpoint.ConnectionString(_host.VerifyCredentials);
    public LaneCredentials ExecCredentials => _host.ExecCredentials;
    public LaneCredentials VerifyCredentials => _host.VerifyCredentials;

    public string ConnectionString(Lane lane) => lane == Lane.Exec ? ExecConnectionString : VerifyConnectionString;

    public ValueTask DisposeAsync() => new(_host.Server.DropDatabaseAsync(Name));
}
