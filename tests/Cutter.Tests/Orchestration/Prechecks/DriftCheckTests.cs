using Cutter.Rehearsal.Disposable;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Store;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

[Collection(PostgresCollection.Name)]
public sealed class DriftCheckTests(PostgresFixture postgres)
{
    private static Task<PrecheckResult> RunAsync(string? verifyConnectionString, Dictionary<string, long> pinned) =>
        new DriftCheck().RunAsync(
            PrecheckContexts.For(new OrchestratorSettings { PinnedCounts = pinned }, verifyConnectionString: verifyConnectionString),
            CancellationToken.None);

    private static async Task SeedAsync(StoreDatabase store)
    {
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        await Sql.ExecAsync(store.OwnerConnectionString, "INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9003', 'OTHER-DOC', 'Other'), ('KB-9004', 'AAA-DOC', 'First')");
    }

    [Fact]
    public async Task Live_counts_equal_to_the_pins_pass_and_unpinned_documents_are_listed()
    {
        await using var store = await postgres.NewStoreAsync();
        await SeedAsync(store);

        var result = await RunAsync(store.VerifyConnectionString, new() { ["TEST-DOC"] = 2, ["OTHER-DOC"] = 0 });

        Assert.Equal(PrecheckVerdict.Passed, result.Verdict);
        Assert.Equal("2 pinned document(s) match their counts; unpinned: AAA-DOC", result.Reason);
        var comparison = Assert.IsType<DriftComparison>(result.Evidence);
        Assert.Equal(["OTHER-DOC", "TEST-DOC"], comparison.Matching);
        Assert.Empty(comparison.Drifted);
    }

    [Fact]
    public async Task Moved_and_missing_documents_fail_with_stop_drift_naming_each_and_by_how_much()
    {
        await using var store = await postgres.NewStoreAsync();
        await SeedAsync(store);

        var result = await RunAsync(store.VerifyConnectionString, new() { ["TEST-DOC"] = 3, ["OTHER-DOC"] = 0, ["ICX-CONST"] = 60, ["AAA-DOC"] = 0 });

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal(StopCodes.Drift, result.StopCode);
        Assert.Equal("2 pinned document(s) drifted: ICX-CONST: pinned 60, not in the store; TEST-DOC: pinned 3, live 2 (-1)", result.Reason);
        var comparison = Assert.IsType<DriftComparison>(result.Evidence);
        Assert.Equal([new DocumentDrift("ICX-CONST", 60, null), new DocumentDrift("TEST-DOC", 3, 2)], comparison.Drifted);
        Assert.Equal(-1, comparison.Drifted[1].Delta);
        Assert.Equal(["ICX-CONST: pinned 60, not in the store", "TEST-DOC: pinned 3, live 2 (-1)"], result.Details);
    }

    [Fact]
    public async Task A_unit_added_after_pinning_is_drift_upwards()
    {
        await using var store = await postgres.NewStoreAsync();
        await SeedAsync(store);
        await Sql.ExecAsync(store.OwnerConnectionString, $"INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id) SELECT document_id, 'art-1', 1, 'article', 'draft', '{StoreSeedSql.RunId}' FROM cutter_core.document WHERE code = 'OTHER-DOC'");

        var result = await RunAsync(store.VerifyConnectionString, new() { ["TEST-DOC"] = 2, ["OTHER-DOC"] = 0 });

        Assert.Equal("1 pinned document(s) drifted: OTHER-DOC: pinned 0, live 1 (+1); unpinned: AAA-DOC", result.Reason);
    }

    [Fact]
    public async Task No_pins_fail_without_touching_the_store()
    {
        var result = await RunAsync(null, []);

        Assert.Equal(PrecheckResult.Fail(DriftCheck.CheckName, "orchestrator.pinned_counts is empty"), result);
    }
}
