using Cutter.Orchestration.Audit;
using Cutter.Store;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>A store written under 0001-0005 gets valid chains from 0006's backfill, and new rows extend them.</summary>
[Collection(StoreCollection.Name)]
public sealed class ChainBackfillTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_store_migrated_from_0005_verifies_after_0006_and_new_rows_extend_the_backfilled_chains()
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

            await Sql.ExecAsync(owner, MigrationScripts.Text("0006_"));

            await using var connection = new NpgsqlConnection(owner);
            await connection.OpenAsync();
            var before = await ChainVerifier.VerifyAsync(connection, runsIndexPath: null);
            Assert.Null(before.FirstBreak);
            Assert.Equal([2L, 1L, 3L], before.Heads.Select(h => h.Rows));
            Assert.All(before.Heads, h => Assert.StartsWith("sha256:chain-v1:", h.Head));

            await Sql.ExecAsync(owner, $"""
                INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, rows_written, started_at, finished_at)
                VALUES ('{StoreSeedSql.RunId}', 4, 'phase 4', 'passed', 0, now(), now());
                """);
            var after = await ChainVerifier.VerifyAsync(connection, runsIndexPath: null);
            Assert.Null(after.FirstBreak);
            Assert.Equal(4L, after.Heads[2].Rows);
            Assert.Equal(before.Heads[2].Head, await Sql.ScalarAsync<string>(owner, "SELECT prev_hash FROM cutter_governance.phase_ledger WHERE phase_no = 4"));
        }
        finally
        {
            await postgres.Server.Server.DropDatabaseAsync(database);
        }
    }
}
