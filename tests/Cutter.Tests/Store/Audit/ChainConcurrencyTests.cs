using System.Security.Cryptography;
using System.Text;
using Cutter.Orchestration.Audit;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>
/// The chain triggers under concurrent writers, bulk statements and the wrong isolation level. The writers are owner
/// sessions: since 0009 no lane inserts review decisions directly (the governor's record_decision does, under the same trigger).
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ChainConcurrencyTests(PostgresFixture postgres)
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

    private static async Task<(ChainHead Head, ChainBreak? Break)> VerifyDecisionsAsync(string verifyConnection)
    {
        await using var connection = new NpgsqlConnection(verifyConnection);
        await connection.OpenAsync();
        return await ChainVerifier.VerifyTableAsync(connection, ChainedTable.All.Single(t => t.Table == "cutter_governance.review_decision"));
    }

    [Fact]
    public async Task Four_connections_writing_at_once_leave_one_unforked_chain()
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

        // All four transactions are open before any writes; each inserts its rows then commits, in parallel.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            for (var r = 0; r < rowsEach; r++) await InsertDecisionAsync(connections[i], transactions[i]);
            await transactions[i].CommitAsync();
        })));
        foreach (var connection in connections) await connection.DisposeAsync();

        var (head, broken) = await VerifyDecisionsAsync(store.VerifyConnectionString);
        Assert.Null(broken);
        Assert.Equal(writers * rowsEach, head.Rows);
        // Unforked: no two rows share a predecessor, and exactly one row starts the chain.
        Assert.Equal(writers * rowsEach - 1L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(DISTINCT prev_hash) FROM cutter_governance.review_decision"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.review_decision WHERE prev_hash IS NULL"));
    }

    [Fact]
    public async Task A_bulk_insert_select_chains_every_row_to_the_one_before()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var inserted = await Sql.ExecAsync(store.OwnerConnectionString, $"""
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT 1, 'draft', 'enacted', '{StoreSeedSql.RunId}', '{StoreSeedSql.RunId}', now() + make_interval(secs => g)
            FROM generate_series(1, 5) g
            """);

        Assert.Equal(5, inserted);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, """
            SELECT count(*) FROM (SELECT prev_hash, lag(row_hash) OVER (ORDER BY chain_seq) AS prior FROM cutter_core.lifecycle_log) x
            WHERE x.prev_hash IS DISTINCT FROM x.prior
            """));
        await using var connection = new NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();
        var (head, broken) = await ChainVerifier.VerifyTableAsync(connection, ChainedTable.All[0]);
        Assert.Null(broken);
        Assert.Equal(6L, head.Rows);
    }

    [Fact]
    public async Task A_writer_supplied_hash_is_overwritten_by_the_trigger()
    {
        await using var store = await postgres.NewStoreAsync();
        var id = Guid.NewGuid();

        await Sql.ExecAsync(store.OwnerConnectionString, """
            INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at, chain_seq, prev_hash, row_hash)
            VALUES (@id, @id, 'SG_1_cut_authz', 'KB-9100', @sha, 'tester', now(), now(), 999, 'forged', 'forged')
            """, ("id", id), ("sha", ShaOf(id)));

        Assert.Equal(0L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.review_decision WHERE prev_hash IS NOT NULL OR row_hash = 'forged' OR chain_seq = 999"));
        Assert.Null((await VerifyDecisionsAsync(store.VerifyConnectionString)).Break);
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
        Assert.Equal("cutter: cutter_governance.review_decision insert refused: the audit chain needs READ COMMITTED, not repeatable read", error.MessageText);
    }
}
