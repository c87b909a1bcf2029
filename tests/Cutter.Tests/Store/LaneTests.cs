using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(StoreCollection.Name)]
public sealed class LaneTests(PostgresFixture postgres)
{
    private const string InsufficientPrivilege = "42501";

    [Theory]
    [InlineData("CREATE TABLE cutter_core.evil (x int)")]
    [InlineData("CREATE TABLE public.evil (x int)")]
    [InlineData("TRUNCATE cutter_core.unit_version")]
    [InlineData("ALTER TABLE cutter_core.information_unit DISABLE TRIGGER information_unit_immutable")]
    [InlineData("DROP TABLE cutter_core.lifecycle_log")]
    [InlineData("UPDATE cutter_core.information_unit SET address = 'x' WHERE iu_id = 2")]
    [InlineData("UPDATE cutter_core.unit_version SET content = 'x' WHERE uv_id = 2")]
    [InlineData("DELETE FROM cutter_governance.phase_ledger")]
    [InlineData("UPDATE cutter_governance.execution_flag SET enabled = true")]
    [InlineData("UPDATE cutter_core.document SET title = 'x'")]
    [InlineData("SET session_replication_role = replica")]
    public async Task Exec_lane_is_denied_everything_a_run_does_not_need(string statement)
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var error = await Sql.FailsAsync(store.ExecConnectionString, statement);

        Assert.True(error.SqlState is InsufficientPrivilege or "42P01", $"{statement}: {error.SqlState} {error.MessageText}");
        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Exec_lane_may_do_what_a_run_needs()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        var exec = store.ExecConnectionString;

        Assert.Equal(1, await Sql.ExecAsync(exec, "INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9100', 'NEW-DOC', 'New')"));
        Assert.Equal(1, await Sql.ExecAsync(exec, $"INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id) SELECT document_id, 'art-9', 9, 'article', 'draft', '{StoreSeedSql.RunId}' FROM cutter_core.document WHERE code = 'NEW-DOC'"));
        Assert.Equal(1, await Sql.ExecAsync(exec, "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE address = 'art-9'"));
        Assert.False(await Sql.ScalarAsync<bool>(exec, "SELECT cutter_governance.flag_lower(gen_random_uuid())"));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(exec, "SELECT count(*) FROM cutter_core.information_unit"));
    }

    [Theory]
    [InlineData("INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9101', 'VERIFY-DOC', 'x')")]
    [InlineData("UPDATE cutter_governance.execution_flag SET enabled = true")]
    [InlineData("DELETE FROM cutter_core.unit_version WHERE uv_id = 2")]
    [InlineData("UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE iu_id = 2")]
    [InlineData("INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, started_at, finished_at) VALUES (gen_random_uuid(), 1, 'x', 'passed', now(), now())")]
    [InlineData("CREATE TABLE cutter_core.evil (x int)")]
    public async Task Verify_lane_is_read_only(string statement)
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var error = await Sql.FailsAsync(store.VerifyConnectionString, statement);

        Assert.Equal(InsufficientPrivilege, error.SqlState);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(store.VerifyConnectionString, "SELECT count(*) FROM cutter_core.information_unit"));
    }
}
