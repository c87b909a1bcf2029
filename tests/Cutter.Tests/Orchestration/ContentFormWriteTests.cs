using Cutter.Domain;
using Cutter.Tests.Support;
using Cutter.Orchestration.State;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>A run's unit versions record the content hash form their hashes were made in.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContentFormWriteTests(PostgresFixture postgres)
{
    private const string FormsOfVersions = """
        SELECT string_agg(content_hash_form || ' ' || n, ', ' ORDER BY content_hash_form)
        FROM (SELECT content_hash_form, count(*) AS n FROM cutter_core.unit_version WHERE run_id = @run_id GROUP BY 1) f
        """;

    [Fact]
    public async Task A_run_writes_the_current_content_form_into_every_unit_version_itself()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        // Without the column default a version written without its form would be refused: the writer names it.
        await Sql.ExecAsync(harness.Owner, "ALTER TABLE cutter_core.unit_version ALTER COLUMN content_hash_form DROP DEFAULT");

        var atSg2 = await harness.RunToSg2AsyncFrom(paused);

        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        Assert.Equal("sha256:content-v1 51", await Sql.ScalarAsync<string>(harness.Owner, FormsOfVersions, ("run_id", RunId.Parse(atSg2.RunId).Value)));
    }
}
