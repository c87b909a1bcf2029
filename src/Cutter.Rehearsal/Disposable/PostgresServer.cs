using Cutter.Store;
using Npgsql;

namespace Cutter.Rehearsal.Disposable;

/// <summary>
/// A PostgreSQL server a provider started (or borrowed) for tests, rehearsals and benchmarks.
/// Disposing tears down what was started; databases created through it are dropped with it.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly Func<Task> _teardown;
    private readonly List<string> _createdDatabases = new();
    private readonly Lock _gate = new();
    private int _disposed;

    internal PostgresServer(string providerName, string adminConnectionString, Func<Task> teardown)
    {
        ProviderName = providerName;
        AdminConnectionString = adminConnectionString;
        _teardown = teardown;
        // Normal process exit and SIGTERM run ProcessExit: the server must not outlive us.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Which of the three providers serves this server.</summary>
    public string ProviderName { get; }

    /// <summary>A superuser connection to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The admin connection string pointed at another database on the same server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates a database (optionally as a copy of a template, which is how tests get a fresh store cheaply).</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null, string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "cutter_" + Guid.NewGuid().ToString("N")[..16];
        StoreIdentifiers.RequireSafe(name, "database name");
        if (template is not null) StoreIdentifiers.RequireSafe(template, "template database name");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        var sql = template is null
            ? $"CREATE DATABASE \"{name}\""
            : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        lock (_gate) _createdDatabases.Add(name);
        return name;
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        StoreIdentifiers.RequireSafe(name, "database name");
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        lock (_gate) _createdDatabases.Remove(name);
    }

    /// <summary>Stops tracking a database so disposing the server leaves it in place (for a store that must outlive this process).</summary>
    public void Forget(string name)
    {
        lock (_gate) _createdDatabases.Remove(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        string[] leftovers;
        lock (_gate) leftovers = _createdDatabases.ToArray();
        foreach (var database in leftovers)
        {
            try { await DropDatabaseAsync(database); }
            catch (NpgsqlException) { /* the server is going away anyway */ }
        }
        await _teardown();
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
