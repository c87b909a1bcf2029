using Cutter.Store;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(StoreCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_on_an_empty_database_applies_every_script_in_order()
    {
        var name = await postgres.Server.Server.CreateDatabaseAsync();
        var owner = postgres.Server.Server.ConnectionStringFor(name);

        var applied = await StoreMigrator.MigrateAsync(owner, NullLogger.Instance);

        Assert.Equal(StoreMigrator.ScriptNames, applied);
        Assert.Equal(17, applied.Count);
        Assert.Equal("Cutter.Store.Migrations.0017_enact_checks.sql", applied[^1]);
        Assert.Equal(17L, await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM cutter_governance.schema_migrations"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(owner, "SELECT count(*) FROM cutter_governance.execution_flag WHERE enabled"));
        await postgres.Server.Server.DropDatabaseAsync(name);
    }

    [Fact]
    public async Task Migrate_twice_applies_nothing_the_second_time_and_leaves_the_schema_unchanged()
    {
        await using var store = await postgres.NewStoreAsync();
        const string schemaShape = """
            SELECT md5(string_agg(table_schema || '.' || table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_schema, table_name, column_name))
            FROM information_schema.columns WHERE table_schema LIKE 'cutter_%'
            """;
        var before = await Sql.ScalarAsync<string>(store.OwnerConnectionString, schemaShape);

        var applied = await StoreMigrator.MigrateAsync(store.OwnerConnectionString, NullLogger.Instance);

        Assert.Empty(applied);
        Assert.Equal(before, await Sql.ScalarAsync<string>(store.OwnerConnectionString, schemaShape));
    }
}
