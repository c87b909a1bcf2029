using System.Security.Cryptography;
using System.Text;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// 0012's batch tables as the lanes see them: the store recomputes a batch's Merkle root (the same as the C# tree) and
/// refuses items outside it; the exec lane updates only the queue columns; an approval is taken only for the batch,
/// gate, root and request its bytes name, and only once.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class BatchStoreTests(PostgresFixture postgres)
{
    private const string Denied = "42501";

    private static string Payload(int i) => "sha256:payload-v1:" + Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    private static (string[] KbIds, string[] Payloads, VersionedHash Root, string[] Proofs) Plan(int n)
    {
        var kbIds = Enumerable.Range(1, n).Select(i => $"KB-{i}").ToArray();
        var payloads = Enumerable.Range(1, n).Select(Payload).ToArray();
        var leaves = kbIds.Zip(payloads, (k, p) => BatchMerkleTree.LeafInput(KbDocId.Parse(k), VersionedHash.Parse(p, "payload", "payload"))).ToArray();
        var proofs = Enumerable.Range(0, n).Select(i => BatchMerkleTree.FormatProof(BatchMerkleTree.InclusionProof(leaves, i))).ToArray();
        return (kbIds, payloads, BatchMerkleTree.Root(leaves), proofs);
    }

    private static async Task CreateAsync(string connectionString, Guid batchId, string name, string root, (string[] KbIds, string[] Payloads, VersionedHash Root, string[] Proofs) plan)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT cutter_governance.batch_create(@id, @name, 'tester', @root, repeat('a', 64), @kb, @payloads, @counts, @proofs, @runs, now())", connection);
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("root", root);
        command.Parameters.AddWithValue("kb", plan.KbIds);
        command.Parameters.AddWithValue("payloads", plan.Payloads);
        command.Parameters.AddWithValue("counts", plan.KbIds.Select(_ => 3).ToArray());
        command.Parameters.AddWithValue("proofs", plan.Proofs);
        command.Parameters.AddWithValue("runs", plan.KbIds.Select(_ => Guid.NewGuid()).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_store_computes_the_same_root_as_the_tree_and_refuses_another()
    {
        await using var store = await postgres.NewStoreAsync();
        var plan = Plan(5);
        await CreateAsync(store.ExecConnectionString, Guid.NewGuid(), "five", plan.Root.ToString(), plan);

        Assert.Equal(plan.Root.ToString(), await Sql.ScalarAsync<string>(store.VerifyConnectionString,
            "SELECT merkle_root FROM cutter_governance.batch WHERE name = 'five'"));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(store.VerifyConnectionString,
            "SELECT count(*) FROM cutter_governance.batch_item WHERE state = 'awaiting_gate'"));

        // One payload swapped after the root was computed: the store's recomputation refuses the batch, writing nothing.
        var tampered = plan with { Payloads = plan.Payloads.Select((p, i) => i == 2 ? Payload(99) : p).ToArray() };
        var refused = await Assert.ThrowsAsync<PostgresException>(() => CreateAsync(store.ExecConnectionString, Guid.NewGuid(), "tampered", plan.Root.ToString(), tampered));
        Assert.Equal("CT014", refused.SqlState);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(store.VerifyConnectionString, "SELECT count(*) FROM cutter_governance.batch"));
    }

    [Theory]
    [InlineData("INSERT INTO cutter_governance.batch (batch_id, name, actor, document_count, merkle_root, sg1_request_sha, state, created_at, updated_at) VALUES (gen_random_uuid(), 'x', 'x', 1, 'sha256:batch-root-v1:' || repeat('a', 64), repeat('a', 64), 'cutting', now(), now())", Denied)]
    [InlineData("UPDATE cutter_governance.batch SET state = 'enacting'", Denied)]
    [InlineData("UPDATE cutter_governance.batch_item SET payload_sha = 'sha256:payload-v1:' || repeat('b', 64)", Denied)]
    [InlineData("UPDATE cutter_governance.batch_item SET sg2_requested = true", Denied)]
    [InlineData("UPDATE cutter_governance.batch_item SET run_id = gen_random_uuid()", Denied)]
    [InlineData("INSERT INTO cutter_governance.batch_item (batch_id, position, kb_id, run_id, payload_sha, candidate_count, inclusion_proof, state, updated_at) SELECT batch_id, 9, 'KB-9', gen_random_uuid(), payload_sha, 1, '', 'queued', now() FROM cutter_governance.batch_item LIMIT 1", Denied)]
    [InlineData("DELETE FROM cutter_governance.batch_item", Denied)]
    [InlineData("INSERT INTO cutter_governance.batch_approval SELECT batch_id, 'SG_1_cut_authz', 'KB-1', repeat('a', 64), gen_random_uuid(), 'x', now(), 'x'::bytea, 'sig', now() FROM cutter_governance.batch", Denied)]
    [InlineData("SELECT cutter_governance.batch_record_approval((SELECT batch_id FROM cutter_governance.batch), 'SG_1_cut_authz', 'KB-1', encode(sha256('x'), 'hex'), gen_random_uuid(), 'x', now(), 'x'::bytea, 'sig', now())", "CT014")]
    [InlineData("SELECT cutter_governance.batch_record_approval((SELECT batch_id FROM cutter_governance.batch), 'SG_1_cut_authz', 'KB-1', encode(sha256('x'), 'hex'), gen_random_uuid(), 'x', now(), NULL, NULL, now())", "CT016")]
    [InlineData("SELECT cutter_governance.batch_record_approval((SELECT batch_id FROM cutter_governance.batch), 'SG_2_lifecycle_authz', 'KB-1', encode(sha256('x'), 'hex'), gen_random_uuid(), 'x', now(), 'x'::bytea, 'sig', now())", "CT012")]
    [InlineData("SELECT cutter_governance.batch_record_approval(gen_random_uuid(), 'SG_1_cut_authz', 'KB-1', encode(sha256('x'), 'hex'), gen_random_uuid(), 'x', now(), 'x'::bytea, 'sig', now())", "CT011")]
    [InlineData("SELECT cutter_governance.record_batch_decision((SELECT run_id FROM cutter_governance.batch_item LIMIT 1), 'SG_1_cut_authz', now())", "CT012")]
    [InlineData("SELECT cutter_governance.record_batch_decision(gen_random_uuid(), 'SG_1_cut_authz', now())", "CT011")]
    [InlineData("SELECT cutter_governance.batch_request_sg2((SELECT batch_id FROM cutter_governance.batch), repeat('b', 64), ARRAY[0], now())", "CT012")]
    public async Task The_exec_lane_cannot_forge_what_authorizes_a_batch(string sql, string code)
    {
        await using var store = await postgres.NewStoreAsync();
        var plan = Plan(3);
        await CreateAsync(store.ExecConnectionString, Guid.NewGuid(), "three", plan.Root.ToString(), plan);

        var refused = await Sql.FailsAsync(store.ExecConnectionString, sql);

        Assert.Equal(code, refused.SqlState);
    }

    [Fact]
    public async Task The_exec_lane_may_work_the_queue()
    {
        await using var store = await postgres.NewStoreAsync();
        var plan = Plan(2);
        await CreateAsync(store.ExecConnectionString, Guid.NewGuid(), "two", plan.Root.ToString(), plan);

        var taken = await Sql.ExecAsync(store.ExecConnectionString, """
            UPDATE cutter_governance.batch_item SET state = 'working', lease_owner = 'host-a', lease_until = now() + interval '1 minute',
                attempts = attempts + 1, updated_at = now()
            WHERE (batch_id, position) = (SELECT batch_id, position FROM cutter_governance.batch_item ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED)
            """);

        Assert.Equal(1, taken);
        // The item's shape is checked too: a stopped item names its STOP.
        Assert.Equal("23514", (await Sql.FailsAsync(store.ExecConnectionString, "UPDATE cutter_governance.batch_item SET state = 'stopped', lease_owner = NULL, lease_until = NULL")).SqlState);
    }

    [Fact]
    public async Task The_grant_matrix_lists_the_batch_grants()
    {
        await using var store = await postgres.NewStoreAsync();
        await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
        await connection.OpenAsync();
        var matrix = await GrantMatrix.ReadAsync(connection);

        Assert.Contains("column|cutter_governance.batch_item.lease_owner|cutter_exec|UPDATE", matrix.Lines);
        Assert.Contains("table|r|cutter_governance.batch_approval|cutter_verify|SELECT", matrix.Lines);
        Assert.Contains("function|cutter_governance.record_batch_decision(p_run_id uuid, p_gate text, p_at timestamp with time zone)|cutter_exec|EXECUTE", matrix.Lines);
        Assert.DoesNotContain(matrix.Lines, l => l.StartsWith("table|r|cutter_governance.batch", StringComparison.Ordinal) && l.Contains("|cutter_exec|INSERT", StringComparison.Ordinal));
        Assert.DoesNotContain("column|cutter_governance.batch_item.payload_sha|cutter_exec|UPDATE", matrix.Lines);
    }
}
