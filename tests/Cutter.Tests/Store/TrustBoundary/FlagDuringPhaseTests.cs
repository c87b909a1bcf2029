using Cutter.Rehearsal.Disposable;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>The content guards check the run's flag inside the writing transaction and share-lock it (0009).</summary>
[Collection(StoreCollection.Name)]
public sealed class FlagDuringPhaseTests(PostgresFixture postgres)
{
    private const string InsertUnit = """
        INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id)
        SELECT document_id, @address, 1, 'article', 'draft', @run FROM cutter_core.document WHERE kb_id = 'KB-9601'
        """;

    private static async Task<Guid> RunWithFlagOnAsync(StoreDatabase store)
    {
        var run = Guid.NewGuid();
        await Sql.ExecAsync(store.OwnerConnectionString, $"""
            INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9601', 'FLAG-DOC', 'Flag');
            SELECT cutter_governance.run_create('{run}', (SELECT document_id FROM cutter_core.document WHERE kb_id = 'KB-9601'), 'simulate', 'tester', repeat('a', 64), 1, now());
            SELECT cutter_governance.flag_raise('{run}', 'simulation');
            """);
        return run;
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid run, string address)
    {
        await using var command = new NpgsqlCommand(InsertUnit, connection, transaction);
        command.Parameters.AddWithValue("address", address);
        command.Parameters.AddWithValue("run", run);
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_flag_lowered_by_another_session_before_a_write_fails_it_and_one_lowered_after_waits_for_the_commit()
    {
        await using var store = await postgres.NewStoreAsync();
        var run = await RunWithFlagOnAsync(store);
        await using var phase = new NpgsqlConnection(store.ExecConnectionString);
        await phase.OpenAsync();

        // Written under the flag: the guard share-locks the flag row, so lowering it waits for this transaction.
        await using (var transaction = await phase.BeginTransactionAsync())
        {
            Assert.Equal(1, await InsertAsync(phase, transaction, run, "art-1"));
            var lower = Sql.ScalarAsync<bool>(store.ExecConnectionString, $"SELECT cutter_governance.flag_lower('{run}')");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "lowering the flag never waited for the writing transaction");
                await Task.Delay(20);
            }
            Assert.False(lower.IsCompleted);
            await transaction.CommitAsync();
            Assert.True(await lower.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        // The flag is off now: the next write of the phase fails, and nothing of it stays.
        await using (var transaction = await phase.BeginTransactionAsync())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(phase, transaction, run, "art-2"));
            Assert.Equal("CT001", refused.SqlState);
        }
        Assert.Equal(1L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{run}'"));
    }
}
