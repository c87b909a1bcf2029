using Cutter.Domain;
using Cutter.Rehearsal.Seeding;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>`cutter db seed-samples` fills an empty store only, and so never takes (or lowers) a live run's flag.</summary>
[Collection(StoreCollection.Name)]
public sealed class SeedSamplesRefusalTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Seeding_a_store_that_holds_anything_is_refused_before_anything_is_written()
    {
        await using var store = await postgres.NewStoreAsync();
        using var kb = new TempFolder();
        // A live run of another document holds its flag.
        var run = Guid.NewGuid();
        await Sql.ExecAsync(store.OwnerConnectionString, $"""
            INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9501', 'LIVE-DOC', 'Being written');
            INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
                SELECT '{run}', document_id, 'live', 'someone', repeat('a', 64), 1, 'running', now(), now() FROM cutter_core.document;
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, ruling_kb_id, changed_at) VALUES ('{run}', true, 'KB-9502', now());
            """);
        var before = await StoreTableHashes.ReadAsync(store.OwnerConnectionString);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => SampleRegistry.SeedAsync(store.OwnerConnectionString, kb.Path, TimeProvider.System));

        Assert.Equal("store", refused.Input);
        Assert.Equal("seed-samples fills an empty store only; this one already holds document KB-9501", refused.Problem);
        Assert.Equal(before, await StoreTableHashes.ReadAsync(store.OwnerConnectionString));
        Assert.Empty(Directory.GetFileSystemEntries(kb.Path));
        Assert.True(await Sql.ScalarAsync<bool>(store.OwnerConnectionString, $"SELECT enabled FROM cutter_governance.execution_flag WHERE run_id = '{run}'"));
    }

    [Fact]
    public async Task An_empty_store_is_seeded_and_the_seed_leaves_no_flag_row_behind()
    {
        await using var store = await postgres.NewStoreAsync();
        using var kb = new TempFolder();

        var seeded = await SampleRegistry.SeedAsync(store.OwnerConnectionString, kb.Path, TimeProvider.System);

        Assert.NotEmpty(seeded);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(store.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.execution_flag"));
        var again = await Assert.ThrowsAsync<InvalidInputException>(() => SampleRegistry.SeedAsync(store.OwnerConnectionString, kb.Path, TimeProvider.System));
        Assert.StartsWith("seed-samples fills an empty store only; this one already holds document KB-", again.Problem, StringComparison.Ordinal);
    }
}
