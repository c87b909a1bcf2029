using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(StoreCollection.Name)]
public sealed class GrantMatrixTests(PostgresFixture postgres)
{
    private static async Task<GrantMatrix> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await GrantMatrix.ReadAsync(connection);
    }

    [Fact]
    public async Task Two_fresh_installs_have_the_same_grant_matrix_sha()
    {
        await using var first = await postgres.NewStoreAsync();
        await using var second = await postgres.NewStoreAsync();

        var a = await ReadAsync(first.OwnerConnectionString);
        var b = await ReadAsync(second.OwnerConnectionString);

        Assert.Equal(a.Sha, b.Sha);
        Assert.Equal(a.Lines, b.Lines);
        Assert.Contains("table|r|cutter_core.information_unit|cutter_exec|INSERT", a.Lines);
        Assert.Contains("column|cutter_core.information_unit.lifecycle_state|cutter_exec|UPDATE", a.Lines);
        Assert.Contains("role|cutter_verify|super=false,createrole=false,createdb=false,replication=false,bypassrls=false,inherit=false,login=true", a.Lines);
        Assert.DoesNotContain(a.Lines, l => l.Contains("|cutter_verify|INSERT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GRANT INSERT ON cutter_core.document TO cutter_verify")]
    [InlineData("REVOKE SELECT ON cutter_core.lifecycle_log FROM cutter_verify")]
    [InlineData("GRANT UPDATE (title) ON cutter_core.document TO cutter_exec")]
    [InlineData("GRANT CREATE ON SCHEMA cutter_core TO cutter_exec")]
    [InlineData("GRANT SELECT ON cutter_core.document TO PUBLIC")]
    [InlineData("REVOKE EXECUTE ON FUNCTION cutter_governance.revert_authorized(uuid) FROM PUBLIC")]
    public async Task Changing_any_one_grant_changes_the_sha(string change)
    {
        await using var store = await postgres.NewStoreAsync();
        var before = await ReadAsync(store.OwnerConnectionString);

        await Sql.ExecAsync(store.OwnerConnectionString, change);
        var after = await ReadAsync(store.OwnerConnectionString);

        Assert.NotEqual(before.Sha, after.Sha);
        Assert.Single(after.Lines.Except(before.Lines).Concat(before.Lines.Except(after.Lines)));
    }

    [Fact]
    public async Task The_verify_lane_reads_the_same_matrix_as_the_owner()
    {
        await using var store = await postgres.NewStoreAsync();

        Assert.Equal((await ReadAsync(store.OwnerConnectionString)).Sha, (await ReadAsync(store.VerifyConnectionString)).Sha);
    }
}
