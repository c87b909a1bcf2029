using Cutter.Domain;
using Cutter.Orchestration.Audit;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Cutter.Tests.Orchestration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Orchestration.Audit;

/// <summary>
/// A checkpoint's counts are the newest checkpoint's plus the entries after it, but only when that checkpoint is the
/// runner key's own signature over its exact bytes: an edited sidecar file is not carried forward.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CheckpointWriterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Counts_build_on_the_newest_signed_checkpoint_and_never_on_an_edited_one()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(done.RunId);
        var store = new CheckpointStore(harness.Services.Settings.SidecarRoot, harness.Services.Kb);
        var kept = store.ReadNewest()!;
        var truth = kept.Checkpoint!.Counts;
        Assert.Equal(store.ReadSidecar()[^1].Source, kept.Source);
        Assert.Equal(Listing(await CountsInStoreAsync(harness)), Listing(truth));

        var again = await new CheckpointWriter(harness.Services).WriteAsync(runId, "again", onlyIfMoved: false, CancellationToken.None);
        Assert.Equal(Listing(truth), Listing(again!.Counts));

        // Someone with file access inflates a count in the newest file and keeps its old signature.
        var inflated = new Dictionary<string, long>(truth) { ["cutter_core.lifecycle_log"] = truth["cutter_core.lifecycle_log"] + 1000 };
        var newest = store.ReadNewest()!;
        File.WriteAllBytes(newest.Source, (newest.Checkpoint! with { Counts = inflated }).Render());
        Assert.Equal(Listing(inflated), Listing(store.ReadNewest()!.Checkpoint!.Counts));

        var after = await new CheckpointWriter(harness.Services).WriteAsync(runId, "after-edit", onlyIfMoved: false, CancellationToken.None);
        Assert.Equal(Listing(truth), Listing(after!.Counts));
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountsInStoreAsync(RunnerHarness harness)
    {
        await using var connection = new Npgsql.NpgsqlConnection(harness.Owner);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT table_name, sum(row_count)::bigint FROM cutter_governance.log_entry WHERE operation <> 'genesis' GROUP BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static string Listing(IReadOnlyDictionary<string, long> counts) => string.Join(",", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
