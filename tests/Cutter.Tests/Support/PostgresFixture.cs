using Cutter.Rehearsal.Disposable;
using Cutter.Store;
using Xunit;

namespace Cutter.Tests.Support;

/// <summary>One disposable PostgreSQL server (with a migrated template) for every test class in the collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private DisposableStoreServer? _server;

    internal DisposableStoreServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    public async Task InitializeAsync() => _server = await DisposableStoreServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A fresh migrated store; dispose it at the end of the test.</summary>
    internal Task<StoreDatabase> NewStoreAsync() => Server.NewStoreAsync();
}

/// <summary>
/// The collections that share a <see cref="PostgresFixture"/>. Every test in them uses a fresh database of its own, so
/// the collections only decide which tests share a server and which run in parallel (xUnit runs collections in
/// parallel, one test at a time within each). Three servers: the process-run tests (many `cutter` processes each),
/// the other runner tests, and the store tests, so the slow process runs do not hold up the rest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The runner, its prechecks and the CLI against a store.</summary>
    public const string Name = "postgres";
}

[CollectionDefinition(Name)]
public sealed class ProcessRunCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>Runs driven through separate `cutter` processes, killed at chosen points.</summary>
    public const string Name = "postgres-process-runs";
}

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The store itself: migrations, lanes, immutability, the audit chains.</summary>
    public const string Name = "postgres-store";
}
