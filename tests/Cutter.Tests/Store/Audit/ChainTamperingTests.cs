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

    private static async Task<(string? Prev, string Row)> LinkAsync(string owner, string table, string where)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT prev_hash, row_hash FROM {table} WHERE {where}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row of {table} where {where}");
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
    }

    [Fact]
    public async Task A_rehearsed_store_verifies_and_every_chain_has_a_versioned_head()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);

        var report = await VerifyAsync(harness);

        Assert.Null(report.FirstBreak);
        Assert.Equal(["cutter_core.lifecycle_log", "cutter_governance.review_decision", "cutter_governance.phase_ledger", ChainVerifier.RunsIndexChain],
            report.Heads.Select(h => h.Chain));
        Assert.All(report.Heads, h => Assert.StartsWith("sha256:chain-v1:", h.Head));
        Assert.Equal(await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_core.lifecycle_log"), report.Heads[0].Rows);
        Assert.Equal(11L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = '{done.RunId}'"));
        var ledgerHead = await Sql.ScalarAsync<string>(harness.Owner, "SELECT row_hash FROM cutter_governance.phase_ledger ORDER BY chain_seq DESC LIMIT 1");
        Assert.Equal(ledgerHead, report.Heads[2].Head);
        // Phase 10 wrote its lifecycle rows in one INSERT ... SELECT: every row links to the one before it.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, """
            SELECT count(*) FROM (SELECT prev_hash, lag(row_hash) OVER (ORDER BY chain_seq) AS prior FROM cutter_core.lifecycle_log) x
            WHERE x.prev_hash IS DISTINCT FROM x.prior
            """));
        Assert.Equal((long)done.CandidateCount!.Value, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(DISTINCT prev_hash) FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}'"));
    }

    [Fact]
    public async Task An_old_lifecycle_row_altered_by_the_owner_with_triggers_disabled_is_caught_and_named()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var logId = await Sql.ScalarAsync<long>(harness.Owner, $"SELECT min(log_id) FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}'");
        var stored = await LinkAsync(harness.Owner, "cutter_core.lifecycle_log", $"log_id = {logId}");

        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
            UPDATE cutter_core.lifecycle_log SET to_state = 'draft' WHERE log_id = {logId};
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER;
            """);
        var report = await VerifyAsync(harness);

        var broken = Assert.IsType<ChainBreak>(report.FirstBreak);
        Assert.Equal("cutter_core.lifecycle_log", broken.Chain);
        Assert.Equal($"log_id {logId}", broken.RowKey);
        Assert.Equal("row_hash does not match the row's content: the row was altered", broken.Problem);
        Assert.Equal(stored.Row, broken.Found);
        var recomputed = await Sql.ScalarAsync<string>(harness.Owner,
            $"SELECT cutter_governance.chain_hash(cutter_core.lifecycle_row_text(l), l.prev_hash) FROM cutter_core.lifecycle_log l WHERE log_id = {logId}");
        Assert.Equal(recomputed, broken.Expected);
        Assert.NotEqual(broken.Found, broken.Expected);
    }

    [Fact]
    public async Task A_link_in_a_chain_form_this_Cutter_does_not_verify_is_named_as_such_not_as_an_altered_row()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var last = await Sql.ScalarAsync<long>(harness.Owner, "SELECT max(log_id) FROM cutter_core.lifecycle_log");
        var stored = await LinkAsync(harness.Owner, "cutter_core.lifecycle_log", $"log_id = {last}");

        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
            UPDATE cutter_core.lifecycle_log SET row_hash = replace(row_hash, 'sha256:chain-v1:', 'sha256:chain-v2:') WHERE log_id = {last};
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER;
            """);
        var report = await VerifyAsync(harness);

        var broken = Assert.IsType<ChainBreak>(report.FirstBreak);
        Assert.Equal($"log_id {last}", broken.RowKey);
        Assert.Equal("row_hash is in form 'sha256:chain-v2', which this Cutter does not verify (it verifies sha256:chain-v1): not compared", broken.Problem);
        Assert.Equal(stored.Row.Replace("sha256:chain-v1:", "sha256:chain-v2:", StringComparison.Ordinal), broken.Found);
        Assert.Equal(stored.Row, broken.Expected);
    }

    [Fact]
    public async Task A_review_decision_deleted_by_the_owner_with_triggers_disabled_is_caught_at_the_next_row()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var gone = $"run_id = '{done.RunId}' AND gate = 'SG_1_cut_authz'";
        var deleted = await LinkAsync(harness.Owner, "cutter_governance.review_decision", gone);
        var next = await Sql.ScalarAsync<string>(harness.Owner, $"""
            SELECT review_decision_id::text FROM cutter_governance.review_decision
            WHERE chain_seq > (SELECT chain_seq FROM cutter_governance.review_decision WHERE {gone}) ORDER BY chain_seq LIMIT 1
            """);

        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_governance.review_decision DISABLE TRIGGER USER;
            DELETE FROM cutter_governance.review_decision WHERE {gone};
            ALTER TABLE cutter_governance.review_decision ENABLE TRIGGER USER;
            """);
        var report = await VerifyAsync(harness);

        var broken = Assert.IsType<ChainBreak>(report.FirstBreak);
        Assert.Equal("cutter_governance.review_decision", broken.Chain);
        Assert.Equal($"review_decision_id {next}", broken.RowKey);
        Assert.Equal(deleted.Prev, broken.Expected);
        Assert.Equal(deleted.Row, broken.Found);
    }

    [Fact]
    public async Task A_lifecycle_row_deleted_with_only_the_guards_disabled_leaves_no_bridge_and_is_caught()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var logId = await Sql.ScalarAsync<long>(harness.Owner, $"SELECT min(log_id) FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}'");
        var deleted = await LinkAsync(harness.Owner, "cutter_core.lifecycle_log", $"log_id = {logId}");

        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER lifecycle_log_immutable, DISABLE TRIGGER lifecycle_log_requires_flag, DISABLE TRIGGER lifecycle_log_flag_delete;
            DELETE FROM cutter_core.lifecycle_log WHERE log_id = {logId};
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER lifecycle_log_immutable, ENABLE TRIGGER lifecycle_log_requires_flag, ENABLE TRIGGER lifecycle_log_flag_delete;
            """);
        var report = await VerifyAsync(harness);

        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.chain_redaction"));
        var broken = Assert.IsType<ChainBreak>(report.FirstBreak);
        Assert.Equal("cutter_core.lifecycle_log", broken.Chain);
        Assert.Equal($"log_id {logId + 1}", broken.RowKey);
        Assert.Equal((deleted.Prev, deleted.Row), (broken.Expected, broken.Found));
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
    public async Task A_governed_revert_keeps_the_lifecycle_chain_verifiable()
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
        Assert.Equal((long)done.CandidateCount!.Value, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.chain_redaction WHERE run_id = '{runId}'"));

        // The next lifecycle row links to the last redacted link, so the chain stays whole after more writes.
        var writer = Guid.NewGuid();
        await Sql.ExecAsync(harness.Owner, $"""
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES ('{writer}', true, now());
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT min(iu_id), 'enacted', 'enacted', '{writer}', (SELECT min(review_decision_id::text)::uuid FROM cutter_governance.review_decision), now()
            FROM cutter_core.information_unit;
            UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id = '{writer}';
            """);
        var lastRedacted = await Sql.ScalarAsync<string>(harness.Owner, "SELECT row_hash FROM cutter_governance.chain_redaction ORDER BY chain_seq DESC LIMIT 1");
        Assert.Equal(lastRedacted, await Sql.ScalarAsync<string>(harness.Owner, "SELECT prev_hash FROM cutter_core.lifecycle_log ORDER BY chain_seq DESC LIMIT 1"));
        Assert.Null((await VerifyAsync(harness)).FirstBreak);
    }
}
