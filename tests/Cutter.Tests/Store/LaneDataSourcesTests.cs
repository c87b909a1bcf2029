using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>One data source per lane: each lane logs in as its role, and disposing leaves no session behind.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LaneDataSourcesTests(PostgresFixture postgres)
{
    private static async Task<string> CurrentUserAsync(LaneDataSources lanes, Lane lane)
    {
        await using var connection = await lanes.OpenConnectionAsync(lane, CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Each_lane_logs_in_as_its_role_and_disposing_frees_the_database_to_be_a_template()
    {
        await using var store = await postgres.NewStoreAsync();
        var lanes = new LaneDataSources(store.ConnectionString);

        Assert.Equal(LaneRoles.Exec, await CurrentUserAsync(lanes, Lane.Exec));
        Assert.Equal(LaneRoles.Verify, await CurrentUserAsync(lanes, Lane.Verify));

        // The lanes' idle pooled sessions keep the database in use, so it cannot be a template yet...
        var inUse = await Assert.ThrowsAsync<PostgresException>(() => postgres.Server.Server.CreateDatabaseAsync(template: store.Name));
        Assert.Equal(PostgresErrorCodes.ObjectInUse, inUse.SqlState);

        // ...and disposing the lanes closes them.
        await lanes.DisposeAsync();
        var copy = await postgres.Server.Server.CreateDatabaseAsync(template: store.Name);
        await postgres.Server.Server.DropDatabaseAsync(copy);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => lanes.OpenConnectionAsync(Lane.Exec, CancellationToken.None));
    }
}
