using Cutter.Domain;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.Escalation;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Store.Audit;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>A rehearsed run leaves chains that verify; each kind of rewrite, even by the owner with triggers off, is caught and named.</summary>
[Collection(StoreCollection.Name)]
public sealed class ChainTamperingTests(PostgresFixture postgres)
{
    private static async Task<ChainReport> VerifyAsync(RunnerHarness harness)
    {
        await using var connection = new NpgsqlConnection(harness.Environment.Store.VerifyConnectionString);
        await connection.OpenAsync();
        return await ChainVerifier.VerifyAsync(connection, new SidecarStore(harness.Environment.Settings.SidecarRoot).IndexPath);
    }

    [Fact]
    public async Task Two_reordered_runs_index_lines_are_caught_and_named()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var path = new SidecarStore(harness.Environment.Settings.SidecarRoot).IndexPath;
        var lines = File.ReadAllLines(path);
        Assert.True(lines.Length >= 3, $"the rehearsal wrote {lines.Length} index lines");
        Assert.Null(ChainVerifier.VerifyRunsIndex(path).Break);

        (lines[1], lines[2]) = (lines[2], lines[1]);
        File.WriteAllLines(path, lines);
        var (_, broken) = ChainVerifier.VerifyRunsIndex(path);

        Assert.NotNull(broken);
        Assert.Equal(ChainVerifier.RunsIndexChain, broken.Chain);
        Assert.StartsWith("line 2 (", broken.RowKey, StringComparison.Ordinal);
        Assert.Equal("prev_hash does not link to the previous row: a row was removed, inserted or reordered", broken.Problem);
        var first = System.Text.Json.JsonDocument.Parse(lines[0]).RootElement.GetProperty("row_hash").GetString();
        var moved = System.Text.Json.JsonDocument.Parse(lines[1]).RootElement.GetProperty("prev_hash").GetString();
        Assert.Equal(first, broken.Expected);
        Assert.Equal(moved, broken.Found);
    }

    [Fact]
    public async Task A_runs_index_line_edited_in_place_is_caught()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var path = new SidecarStore(harness.Environment.Settings.SidecarRoot).IndexPath;
        var lines = File.ReadAllLines(path);
        var edited = lines[0].Replace("\"event\":\"", "\"event\":\"edited_", StringComparison.Ordinal);
        Assert.NotEqual(lines[0], edited);
        lines[0] = edited;
        File.WriteAllLines(path, lines);

        var (_, broken) = ChainVerifier.VerifyRunsIndex(path);

        Assert.NotNull(broken);
        Assert.StartsWith("line 1 (", broken.RowKey, StringComparison.Ordinal);
        Assert.Equal("row_hash does not match the row's content: the row was altered", broken.Problem);
    }

    [Fact]
    public async Task A_governed_revert_keeps_the_log_verifiable_through_its_redactions()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(done.RunId);
        var escalation = new RunEscalation(harness.Services);
        var request = await escalation.RequestAsync(runId, EscalationActions.Revert, "test", CancellationToken.None);
        var approval = await harness.ApproveAsync(request.Value);
        await escalation.ExecuteAsync(runId, EscalationActions.Revert, approval, CancellationToken.None);

        var report = await VerifyAsync(harness);

        Assert.Null(report.FirstBreak);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{runId}'"));
        Assert.Equal((long)done.CandidateCount!.Value, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.log_redaction WHERE run_id = '{runId}'"));
        // The redaction is itself an entry of the log.
        Assert.Equal((long)done.CandidateCount!.Value, await Sql.ScalarAsync<long>(harness.Owner,
            "SELECT row_count FROM cutter_governance.log_entry WHERE table_name = 'cutter_governance.log_redaction'"));

        // A redacted row whose authorization is not its run's is not accepted.
        await Sql.ExecAsync(harness.Owner, """
            ALTER TABLE cutter_governance.log_redaction DISABLE TRIGGER USER;
            UPDATE cutter_governance.log_redaction SET authorization_id = gen_random_uuid()
            WHERE row_key = (SELECT min(row_key) FROM cutter_governance.log_redaction);
            ALTER TABLE cutter_governance.log_redaction ENABLE TRIGGER USER;
            """);
        var forged = await VerifyAsync(harness);
        Assert.Equal(LogFindings.RedactionUnauthorized, forged.FirstBreak?.Chain);
    }
}
