using System.Collections.Concurrent;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Orchestration;
using Cutter.Orchestration.Workers;
using Cutter.Rehearsal.Disposable;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Workers;

/// <summary>
/// The batch queue on a real store (0012's batch_item through the exec lane): concurrent claims never take one item
/// twice, a lease is renewed and released only by its owner, a lapsed lease is taken over (attempts + 1) and the old
/// owner's renewal then fails, which cancels its work on the item.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class WorkQueueTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>A batch of <paramref name="n"/> items, all made claimable (as the batch's SG_1 approval would).</summary>
    private static async Task<Guid> QueuedBatchAsync(StoreDatabase store, int n)
    {
        var kbIds = Enumerable.Range(1, n).Select(i => $"KB-{5000 + i}").ToArray();
        var payloads = kbIds.Select(k => "sha256:payload-v1:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(k)))).ToArray();
        var leaves = kbIds.Zip(payloads, (k, p) => BatchMerkleTree.LeafInput(KbDocId.Parse(k), VersionedHash.Parse(p, "payload", "payload"))).ToArray();
        var batchId = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(store.ExecConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            "SELECT cutter_governance.batch_create(@id, 'queue-test', 'tester', @root, repeat('a', 64), @kb, @payloads, @counts, @proofs, @runs, now())", connection);
        create.Parameters.AddWithValue("id", batchId);
        create.Parameters.AddWithValue("root", BatchMerkleTree.Root(leaves).ToString());
        create.Parameters.AddWithValue("kb", kbIds);
        create.Parameters.AddWithValue("payloads", payloads);
        create.Parameters.AddWithValue("counts", kbIds.Select(_ => 3).ToArray());
        create.Parameters.AddWithValue("proofs", Enumerable.Range(0, n).Select(i => BatchMerkleTree.FormatProof(BatchMerkleTree.InclusionProof(leaves, i))).ToArray());
        create.Parameters.AddWithValue("runs", kbIds.Select(_ => Guid.NewGuid()).ToArray());
        await create.ExecuteNonQueryAsync();
        await using var queue = new NpgsqlCommand("UPDATE cutter_governance.batch_item SET state = 'queued'", connection);
        await queue.ExecuteNonQueryAsync();
        return batchId;
    }

    [Fact]
    public async Task Eight_concurrent_claimers_take_every_item_exactly_once()
    {
        await using var store = await postgres.NewStoreAsync();
        var batchId = await QueuedBatchAsync(store, 40);
        await using var connector = new LaneConnector(store.ConnectionString);
        var queue = new StoreWorkQueue(connector);
        var taken = new ConcurrentBag<(string Owner, int Position)>();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(w => Task.Run(async () =>
        {
            while (await queue.ClaimAsync(batchId, $"w{w}", Minute, CancellationToken.None) is { } item) taken.Add(($"w{w}", item.Position));
        })));

        Assert.Equal(Enumerable.Range(0, 40), taken.Select(t => t.Position).Order());
        Assert.Equal(new QueueCounts(0, 40, 0, 0, 0), await queue.CountsAsync(batchId, CancellationToken.None));
        Assert.Equal(40L, await Sql.ScalarAsync<long>(store.VerifyConnectionString,
            "SELECT count(*) FROM cutter_governance.batch_item WHERE state = 'working' AND attempts = 1 AND lease_owner ~ '^w[1-8]$' AND lease_until > now()"));
    }

    [Fact]
    public async Task Only_the_owner_renews_and_releases_and_a_lapsed_lease_is_taken_over_once()
    {
        await using var store = await postgres.NewStoreAsync();
        var batchId = await QueuedBatchAsync(store, 1);
        await using var connector = new LaneConnector(store.ConnectionString);
        var queue = new StoreWorkQueue(connector);

        var first = (await queue.ClaimAsync(batchId, "alpha", Minute, CancellationToken.None))!;
        Assert.Equal((0, "KB-5001", 1), (first.Position, first.Document.Value, first.Attempts));
        Assert.Null(await queue.ClaimAsync(batchId, "beta", Minute, CancellationToken.None));
        Assert.False(await queue.RenewAsync(first, "beta", Minute, CancellationToken.None));
        Assert.True(await queue.RenewAsync(first, "alpha", Minute, CancellationToken.None));

        // alpha dies: its lease runs out (moved into the past, as the server's clock would move past it).
        await Sql.ExecAsync(store.ExecConnectionString, "UPDATE cutter_governance.batch_item SET lease_until = now() - interval '1 second'");
        Assert.Equal(new QueueCounts(1, 0, 0, 0, 0), await queue.CountsAsync(batchId, CancellationToken.None));
        var second = (await queue.ClaimAsync(batchId, "beta", Minute, CancellationToken.None))!;
        Assert.Equal((0, 2, first.RunId), (second.Position, second.Attempts, second.RunId));

        // alpha comes back: it can neither renew nor hand the item back; beta can.
        Assert.False(await queue.RenewAsync(first, "alpha", Minute, CancellationToken.None));
        Assert.False(await queue.ReleaseAsync(first, "alpha", new AdvanceResult(WorkOutcome.Closed, "closeout reported"), CancellationToken.None));
        Assert.True(await queue.ReleaseAsync(second, "beta", new AdvanceResult(WorkOutcome.Stopped, "STOP_DRIFT: counts moved", "STOP_DRIFT"), CancellationToken.None));
        Assert.Equal("stopped|STOP_DRIFT|STOP_DRIFT: counts moved||", await Sql.ScalarAsync<string>(store.VerifyConnectionString,
            "SELECT concat_ws('|', state, stop_code, stop_detail, coalesce(lease_owner, ''), coalesce(lease_until::text, '')) FROM cutter_governance.batch_item"));
        Assert.Equal(new QueueCounts(0, 0, 0, 0, 1), await queue.CountsAsync(batchId, CancellationToken.None));
    }

    [Fact]
    public async Task A_worker_whose_lease_is_taken_over_has_its_work_on_the_item_cancelled()
    {
        await using var store = await postgres.NewStoreAsync();
        var batchId = await QueuedBatchAsync(store, 1);
        await using var connector = new LaneConnector(store.ConnectionString);
        var queue = new StoreWorkQueue(connector);
        var lease = TimeSpan.FromSeconds(3);
        var item = (await queue.ClaimAsync(batchId, "alpha", lease, CancellationToken.None))!;
        var renewals = new ConcurrentQueue<DateTimeOffset>();

        await using var keeper = new LeaseKeeper(queue, item, "alpha", lease, TimeProvider.System, NullLogger.Instance, renewals.Enqueue, CancellationToken.None);
        // Renewed in the background while alpha works: after two renewal periods the lease is still alpha's.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(keeper.Token.IsCancellationRequested);
        Assert.NotEmpty(renewals);
        Assert.Equal("alpha", await Sql.ScalarAsync<string>(store.VerifyConnectionString, "SELECT lease_owner FROM cutter_governance.batch_item"));

        // Another worker has it now (as a takeover after a stall would): alpha's next renewal finds out and cancels.
        await Sql.ExecAsync(store.ExecConnectionString, "UPDATE cutter_governance.batch_item SET lease_owner = 'beta'");
        var cancelled = await Task.WhenAny(Task.Delay(Timeout.Infinite, keeper.Token).ContinueWith(_ => { }), Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(keeper.Token.IsCancellationRequested, "the lease keeper did not notice the lost lease within 10 s");
        Assert.Equal($"the lease on {item.Document} was taken by another worker", keeper.LostBecause);
        GC.KeepAlive(cancelled);
    }
}
