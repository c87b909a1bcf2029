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

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
