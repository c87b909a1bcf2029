using Cutter.Rehearsal.Disposable;
using Cutter.Store.Writes;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// 0016's statement trigger that replaced the partial unique index information_unit_enacted_address: one enacted unit
/// per (document, address), refused with 23505 and nothing written, serialized across concurrent enacts of a document
/// by the document row's lock, out of the exec lane's reach, and leaving the enact UPDATE a HOT update.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class EnactedAddressGuardTests(PostgresFixture postgres)
{
    private const string OtherRun = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string ThirdRun = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";

    private static string RaiseFlag(string run) =>
        $"INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES ('{run}', true, now()) ON CONFLICT (run_id) DO UPDATE SET enabled = true";

    private static string InsertUnit(long id, string address, string state, string run) => $"""
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
        SELECT {id}, document_id, '{address}', {id}, 'article', '{state}', '{run}' FROM cutter_core.document
        """;

    private const string Enact = "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE iu_id = ";

    private const string EnactedAt = "SELECT coalesce(string_agg(iu_id::text, ',' ORDER BY iu_id), '') FROM cutter_core.information_unit WHERE lifecycle_state = 'enacted' AND address = ";

    private async Task<StoreDatabase> SeededAsync()
    {
        var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        await Sql.ExecAsync(store.OwnerConnectionString, RaiseFlag(OtherRun));
        await Sql.ExecAsync(store.OwnerConnectionString, RaiseFlag(ThirdRun));
        return store;
    }

    [Fact]
    public async Task A_second_enacted_unit_at_an_address_is_refused_by_insert_and_by_update_and_nothing_is_written()
    {
        await using var store = await SeededAsync();
        var exec = store.ExecConnectionString;

        var inserted = await Sql.FailsAsync(exec, InsertUnit(3, "art-1", "enacted", OtherRun));
        Assert.Equal("23505", inserted.SqlState);
        Assert.Matches(@"^cutter: INSERT on cutter_core\.information_unit refused: document \d+ would have 2 enacted information units at address art-1$", inserted.MessageText);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(exec, "SELECT count(*) FROM cutter_core.information_unit"));

        await Sql.ExecAsync(exec, InsertUnit(3, "art-1", "draft", OtherRun));
        var updated = await Sql.FailsAsync(exec, Enact + "3");
        Assert.Equal("23505", updated.SqlState);
        Assert.Matches(@"^cutter: UPDATE on cutter_core\.information_unit refused: document \d+ would have 2 enacted information units at address art-1$", updated.MessageText);
        Assert.Equal("draft", await Sql.ScalarAsync<string>(exec, "SELECT lifecycle_state FROM cutter_core.information_unit WHERE iu_id = 3"));
        Assert.Equal("1", await Sql.ScalarAsync<string>(exec, EnactedAt + "'art-1'"));

        // The same draft enacted at a free address is accepted: the guard refuses duplicates, not enacts.
        await Sql.ExecAsync(store.OwnerConnectionString, "UPDATE cutter_core.information_unit SET address = 'art-7' WHERE iu_id = 3");
        Assert.Equal(1, await Sql.ExecAsync(exec, Enact + "3"));
        Assert.Equal("3", await Sql.ScalarAsync<string>(exec, EnactedAt + "'art-7'"));
    }

    /// <summary>
    /// Two exec-lane transactions enact units of two runs at one address. The first holds the document lock its
    /// trigger took; the second's trigger waits for it (seen in pg_locks), so the order is fixed: the first commits,
    /// the second then sees its committed unit and gets 23505.
    /// </summary>
    [Fact]
    public async Task Two_concurrent_enacts_of_one_address_commit_exactly_one()
    {
        await using var store = await SeededAsync();
        await Sql.ExecAsync(store.ExecConnectionString, InsertUnit(3, "art-9", "draft", OtherRun));
        await Sql.ExecAsync(store.ExecConnectionString, InsertUnit(4, "art-9", "draft", ThirdRun));

        await using var first = new NpgsqlConnection(store.ExecConnectionString);
        await using var second = new NpgsqlConnection(store.ExecConnectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();
        await using (var enactFirst = new NpgsqlCommand(Enact + "3", first, firstTransaction))
            Assert.Equal(1, await enactFirst.ExecuteNonQueryAsync());

        await using var enactSecond = new NpgsqlCommand(Enact + "4", second, secondTransaction);
        var secondEnact = enactSecond.ExecuteNonQueryAsync();
        await WaitUntilWaitingForLockAsync(store.OwnerConnectionString, second.ProcessID);
        Assert.False(secondEnact.IsCompleted);
        await firstTransaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => secondEnact);
        Assert.Equal("23505", refused.SqlState);
        Assert.EndsWith("would have 2 enacted information units at address art-9", refused.MessageText, StringComparison.Ordinal);
        await secondTransaction.RollbackAsync();
        Assert.Equal("3", await Sql.ScalarAsync<string>(store.OwnerConnectionString, EnactedAt + "'art-9'"));
    }

    private static async Task WaitUntilWaitingForLockAsync(string owner, int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Sql.ScalarAsync<bool>(owner, $"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE pid = {pid} AND NOT granted)"))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"backend {pid} never waited for a lock");
            await Task.Delay(50);
        }
    }

    /// <summary>At REPEATABLE READ the check could not see an enact committed while it waited: refused, CT003.</summary>
    [Fact]
    public async Task An_enact_outside_read_committed_is_refused_and_a_draft_write_is_not()
    {
        await using var store = await SeededAsync();
        await using var connection = new NpgsqlConnection(store.ExecConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using (var draft = new NpgsqlCommand(InsertUnit(3, "art-3", "draft", OtherRun), connection, transaction))
            Assert.Equal(1, await draft.ExecuteNonQueryAsync());
        await using var enact = new NpgsqlCommand(Enact + "2", connection, transaction);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => enact.ExecuteNonQueryAsync());
        Assert.Equal("CT003", refused.SqlState);
        Assert.Contains("needs READ COMMITTED, this transaction is REPEATABLE READ", refused.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALTER TABLE cutter_core.information_unit DISABLE TRIGGER information_unit_unique_enacted_address_update")]
    [InlineData("ALTER TABLE cutter_core.information_unit DISABLE TRIGGER information_unit_unique_enacted_address_insert")]
    [InlineData("ALTER TABLE cutter_core.information_unit DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER information_unit_unique_enacted_address_update ON cutter_core.information_unit")]
    [InlineData("CREATE OR REPLACE FUNCTION cutter_core.require_one_enacted_unit_per_address() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$")]
    [InlineData("SET session_replication_role = replica")]
    public async Task The_exec_lane_cannot_switch_the_guard_off(string statement)
    {
        await using var store = await SeededAsync();
        Assert.Equal("42501", (await Sql.FailsAsync(store.ExecConnectionString, statement)).SqlState);
        Assert.Equal("O,O", await Sql.ScalarAsync<string>(store.OwnerConnectionString, """
            SELECT string_agg(tgenabled::text, ',' ORDER BY tgname) FROM pg_catalog.pg_trigger
            WHERE tgrelid = 'cutter_core.information_unit'::regclass AND tgname LIKE 'information_unit_unique_enacted_address_%'
            """));
    }

    /// <summary>
    /// Phase 10's own statement over 2,001 drafts: every row's new version stays on its page
    /// (pg_stat_get_xact_tuples_hot_updated in the same transaction), which the partial index made impossible.
    /// </summary>
    [Fact]
    public async Task The_enact_statement_is_a_HOT_update_of_every_unit()
    {
        await using var store = await SeededAsync();
        await Sql.ExecAsync(store.ExecConnectionString, $"""
            INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, heading, lifecycle_state, run_id)
            SELECT 1000 + i, d.document_id, 'art-' || (1000 + i), 1000 + i, 'article', 'Heading of article ' || i, 'draft', '{StoreSeedSql.RunId}'
            FROM cutter_core.document d, generate_series(1, 2000) i
            """);
        Assert.True(await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT pg_relation_size('cutter_core.information_unit') / 8192") > 20);

        await using var connection = new NpgsqlConnection(store.ExecConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var enact = new NpgsqlCommand(RunStatements.EnactAndLog, connection, transaction);
        enact.Parameters.AddWithValue("run_id", Guid.Parse(StoreSeedSql.RunId));
        enact.Parameters.AddWithValue("review_decision_id", Guid.Parse(StoreSeedSql.RunId));
        enact.Parameters.AddWithValue("at", DateTime.UtcNow);
        await using (var reader = await enact.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2001L, reader.GetInt64(0));
            Assert.Equal(2001L, reader.GetInt64(1));
        }
        await using var hot = new NpgsqlCommand(
            "SELECT pg_stat_get_xact_tuples_updated('cutter_core.information_unit'::regclass), pg_stat_get_xact_tuples_hot_updated('cutter_core.information_unit'::regclass)",
            connection, transaction);
        await using (var reader = await hot.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((2001L, 2001L), (reader.GetInt64(0), reader.GetInt64(1)));
        }
        await transaction.CommitAsync();
    }
}
