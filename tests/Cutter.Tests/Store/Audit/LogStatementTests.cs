using System.Security.Cryptography;
using System.Text;
using Cutter.Orchestration.Audit;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>
/// The log's statement triggers (migration 0010) under concurrent writers, bulk statements, forged entry numbers and the
/// wrong isolation level. The writers are owner sessions: since 0009 no lane inserts review decisions directly (the
/// governor's record_decision does, under the same triggers).
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class LogStatementTests(PostgresFixture postgres)
{
    private const string InsertDecision = """
        INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at)
        VALUES (@id, @id, 'SG_1_cut_authz', 'KB-9100', @sha, 'tester', now(), now())
        """;

    private static string ShaOf(Guid id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToString())));

    private static async Task InsertDecisionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var id = Guid.NewGuid();
        await using var command = new NpgsqlCommand(InsertDecision, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("sha", ShaOf(id));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<LogWalkResult> WalkAsync(string verifyConnection)
    {
        await using var connection = new NpgsqlConnection(verifyConnection);
        await connection.OpenAsync();
        return await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None);
    }

    [Fact]
    public async Task Four_connections_writing_at_once_leave_one_entry_per_statement_in_one_unforked_log()
    {
        await using var store = await postgres.NewStoreAsync();
        const int writers = 4, rowsEach = 10;
        var connections = new List<NpgsqlConnection>();
        var transactions = new List<NpgsqlTransaction>();
        for (var i = 0; i < writers; i++)
        {
            var connection = new NpgsqlConnection(store.OwnerConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
            transactions.Add(await connection.BeginTransactionAsync());
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            for (var r = 0; r < rowsEach; r++) await InsertDecisionAsync(connections[i], transactions[i]);
            await transactions[i].CommitAsync();
        })));
        foreach (var connection in connections) await connection.DisposeAsync();

        var log = await WalkAsync(store.VerifyConnectionString);
        Assert.Empty(log.Findings);
        // Entry 1 is the migration's genesis; then one entry per INSERT statement, tree sizes 1..41 with no gap.
        Assert.Equal(1 + writers * rowsEach, log.TreeSize);
        Assert.Equal(writers * rowsEach, log.Entries.Count(e => e.Table == "cutter_governance.review_decision" && e.RowCount == 1));
        Assert.Equal(Enumerable.Range(1, 1 + writers * rowsEach).Select(n => (long)n), log.Entries.Select(e => e.TreeSize));
    }

    [Fact]
    public async Task Entry_numbers_follow_the_committed_log_head_so_a_rolled_back_statement_leaves_no_number_behind()
    {
        // The number comes from the log under its lock, not from a sequence: a sequence advance survives a rollback
        // here, and in a database copied from a template it is not WAL-logged, so a crash rewound it below committed
        // entries (23505 on log_entry_pkey on the next write, StoreRestartTests).
        await using var store = await postgres.NewStoreAsync();
        await using (var connection = new NpgsqlConnection(store.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var rolledBack = await connection.BeginTransactionAsync();
            await InsertDecisionAsync(connection, rolledBack);
            await InsertDecisionAsync(connection, rolledBack);
            await rolledBack.RollbackAsync();
            await InsertDecisionAsync(connection, null);
            await using var twoStatements = await connection.BeginTransactionAsync();
            await InsertDecisionAsync(connection, twoStatements);
            await InsertDecisionAsync(connection, twoStatements);
            await twoStatements.CommitAsync();
        }

        var log = await WalkAsync(store.VerifyConnectionString);
        Assert.Empty(log.Findings);
        Assert.Equal([(1L, 1L), (2L, 2L), (3L, 3L), (4L, 4L)], log.Entries.Select(e => (e.EntrySeq, e.TreeSize)));
    }

    [Fact]
    public async Task A_bulk_insert_select_is_one_entry_whose_leaf_the_verifier_and_sha256_of_the_documented_text_agree_on()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var inserted = await Sql.ExecAsync(store.OwnerConnectionString, $"""
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT 1, 'draft', E'en\tacted', '{StoreSeedSql.RunId}', '{StoreSeedSql.RunId}', timestamptz '2026-01-02 03:04:05.123456+00' + make_interval(secs => g)
            FROM generate_series(1, 5) g
            """);

        Assert.Equal(5, inserted);
        var log = await WalkAsync(store.VerifyConnectionString);
        Assert.Empty(log.Findings);
        var entry = log.Entries.Single(e => e.Table == "cutter_core.lifecycle_log" && e.RowCount == 5);
        // The documented canonical form, by hand: header line, then one line per row in log_id order.
        var first = await Sql.ScalarAsync<long>(store.OwnerConnectionString, $"SELECT min(log_id) FROM cutter_core.lifecycle_log WHERE entry_seq = {entry.EntrySeq}");
        var text = new StringBuilder($"log-leaf-v1\tcutter_core.lifecycle_log\t{entry.EntrySeq}\t5\n");
        for (var g = 1; g <= 5; g++)
        {
            text.Append($"{first + g - 1}\t1\tdraft\ten\\tacted\t{StoreSeedSql.RunId}\t{StoreSeedSql.RunId}\t2026-01-02T03:04:{5 + g:00}.123456Z\n");
        }
        Assert.Equal("sha256:log-leaf-v1:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), entry.LeafHash);
        var previous = log.Entries[(int)entry.TreeSize - 2].RootHash;
        Assert.Equal("sha256:log-root-v1:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{previous}\t{entry.TreeSize}\t{entry.LeafHash}"))), entry.RootHash);
    }

    [Fact]
    public async Task A_writer_supplied_entry_number_is_refused_and_nothing_is_written()
    {
        await using var store = await postgres.NewStoreAsync();
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(store.OwnerConnectionString, """
            INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at, entry_seq)
            VALUES (@id, @id, 'SG_1_cut_authz', 'KB-9100', @sha, 'tester', now(), now(), 1)
            """, ("id", id), ("sha", ShaOf(id))));

        Assert.Equal("CT004", error.SqlState);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.review_decision"));
        Assert.Empty((await WalkAsync(store.VerifyConnectionString)).Findings);
    }

    [Fact]
    public async Task A_snapshot_isolated_writer_is_refused_because_it_could_read_a_stale_head()
    {
        await using var store = await postgres.NewStoreAsync();
        await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);

        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertDecisionAsync(connection, transaction));

        Assert.Equal("CT003", error.SqlState);
        Assert.Equal("cutter: cutter_governance.review_decision write refused: the audit log needs READ COMMITTED, not repeatable read", error.MessageText);
    }

    [Fact]
    public async Task The_exec_lane_cannot_append_an_entry_of_its_own()
    {
        await using var store = await postgres.NewStoreAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(store.ExecConnectionString, """
            INSERT INTO cutter_governance.log_entry (entry_seq, tree_size, table_name, operation, row_count, leaf_hash, root_hash, recorded_at)
            VALUES (99, 99, 'x', 'insert', 0, 'sha256:log-leaf-v1:' || repeat('0', 64), 'sha256:log-root-v1:' || repeat('0', 64), now())
            """));

        Assert.Equal("42501", error.SqlState);
    }
}
