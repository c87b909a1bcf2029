using Cutter.Orchestration.Audit;
using Cutter.Store;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>A store written under 0001-0008 keeps its chain-v1 rows as a frozen prefix of the log that 0010 starts, pinned by the genesis entry.</summary>
[Collection(StoreCollection.Name)]
public sealed class ChainBackfillTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_store_with_chain_v1_rows_migrates_to_the_log_as_a_frozen_prefix_pinned_by_the_genesis_entry()
    {
        var database = await postgres.Server.Server.CreateDatabaseAsync();
        try
        {
            var owner = postgres.Server.Server.ConnectionStringFor(database);
            foreach (var prefix in new[] { "0001_", "0002_", "0003_", "0004_", "0005_" }) await Sql.ExecAsync(owner, MigrationScripts.Text(prefix));
            await Sql.ExecAsync(owner, StoreSeedSql.DocumentWithEnactedAndDraftUnitsBefore0009);
            await Sql.ExecAsync(owner, $"""
                INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
                VALUES (2, 'draft', 'enacted', '{StoreSeedSql.RunId}', '{StoreSeedSql.RunId}', now());
                INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
                SELECT '{StoreSeedSql.RunId}', document_id, 'live', 'tester', repeat('d', 64), 2, 'closeout_reported', now(), now() FROM cutter_core.document;
                INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, rows_written, started_at, finished_at)
                SELECT '{StoreSeedSql.RunId}', g, 'phase ' || g, 'passed', 0, now(), now() + make_interval(secs => g) FROM generate_series(1, 3) g;
                """);
            foreach (var prefix in new[] { "0006_", "0007_", "0008_" }) await Sql.ExecAsync(owner, MigrationScripts.Text(prefix));
            var chainHeads = new List<string>();
            foreach (var table in new[] { "cutter_core.lifecycle_log", "cutter_governance.review_decision", "cutter_governance.phase_ledger" })
            {
                chainHeads.Add(await Sql.ScalarAsync<string>(owner, $"SELECT row_hash FROM {table} ORDER BY chain_seq DESC LIMIT 1"));
            }

            await Sql.ExecAsync(owner, MigrationScripts.Text("0010_"));

            await using var connection = new NpgsqlConnection(owner);
            await connection.OpenAsync();
            var before = await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None);
            Assert.Empty(before.Findings);
            // The chain-v1 rows stay as they were (2 lifecycle rows, 1 decision, 3 ledger rows), pinned by entry 1; entry 2 holds the run row.
            Assert.Equal([2L, 1L, 3L], before.FrozenHeads.Select(h => h.Rows));
            Assert.Equal(chainHeads, before.FrozenHeads.Select(h => h.Head));
            Assert.Equal(["genesis", "insert"], before.Entries.Select(e => e.Operation));
            Assert.Equal("cutter_governance.run", before.Entries[1].Table);

            await Sql.ExecAsync(owner, $"""
                INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, rows_written, started_at, finished_at)
                VALUES ('{StoreSeedSql.RunId}', 4, 'phase 4', 'passed', 0, now(), now());
                """);
            var after = await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None);
            Assert.Empty(after.Findings);
            Assert.Equal(3, after.TreeSize);
            Assert.Equal("cutter_governance.phase_ledger", after.Entries[2].Table);

            // A chain-v1 row edited after the migration breaks the frozen prefix, by name.
            await Sql.ExecAsync(owner, """
                ALTER TABLE cutter_governance.phase_ledger DISABLE TRIGGER USER;
                UPDATE cutter_governance.phase_ledger SET rows_written = 7 WHERE phase_no = 1;
                ALTER TABLE cutter_governance.phase_ledger ENABLE TRIGGER USER;
                """);
            var edited = await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None);
            Assert.Equal([LogFindings.FrozenChainBroken], edited.Findings.Select(f => f.Name).Distinct());
        }
        finally
        {
            await postgres.Server.Server.DropDatabaseAsync(database);
        }
    }
}
