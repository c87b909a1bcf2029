using Cutter.Cli;
using Cutter.Knowledge;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Store.Audit;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Cutter.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>`cutter audit verify` as a real process, and the heads the signed documents record.</summary>
[Collection(StoreCollection.Name)]
public sealed class AuditVerifyCommandTests(PostgresFixture postgres)
{
    private static Dictionary<string, string?> Environment(RehearsalEnvironment env) => new()
    {
        ["CUTTER_CONFIG"] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
        ["CUTTER_ENV_FILE"] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
    };

    [Fact]
    public async Task Audit_verify_prints_the_heads_and_exits_0_then_names_the_finding_and_exits_4()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        await harness.Environment.WriteConfigurationAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(harness.Environment.Store.VerifyConnectionString);
        await connection.OpenAsync();
        var expected = await ChainVerifier.VerifyAsync(connection, new SidecarStore(harness.Environment.Settings.SidecarRoot).IndexPath);

        var clean = await CutterProcess.RunAsync(Environment(harness.Environment), harness.Environment.WorkDir, "audit", "verify");

        Assert.Equal(ExitCodes.Ok, clean.ExitCode);
        Assert.Equal([.. expected.Heads.Select(h => h.ToString()),
            "decisions: 2 re-verified against allowed_signers, 0 recorded before evidence was kept (0009), 1 of no Cutter run (owner-written)",
            "every entry, root and checkpoint, and every decision's evidence, verifies", ""], clean.StandardOutput.Split('\n'));

        var logId = await Sql.ScalarAsync<long>(harness.Owner, $"SELECT max(log_id) FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}'");
        var entry = await Sql.ScalarAsync<long>(harness.Owner, $"SELECT entry_seq FROM cutter_core.lifecycle_log WHERE log_id = {logId}");
        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
            UPDATE cutter_core.lifecycle_log SET at = at - interval '1 day' WHERE log_id = {logId};
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER;
            """);
        var broken = await CutterProcess.RunAsync(Environment(harness.Environment), harness.Environment.WorkDir, "audit", "verify");

        Assert.Equal(ExitCodes.ChecksFailed, broken.ExitCode);
        Assert.Contains($"BROKEN {LogFindings.RowAltered}: entry {entry} (", broken.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("the entry's rows no longer hash to its leaf: a row was edited; expected sha256:log-leaf-v1:", broken.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_closeout_doc_and_the_verification_report_record_the_log_head()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);

        var closeout = await harness.Services.Kb.GetAsync(Cutter.Domain.KbDocId.Parse(done.CloseoutKbId));
        var text = System.Text.Encoding.UTF8.GetString(closeout.Raw);
        var root = await Sql.ScalarAsync<string>(harness.Owner, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");
        var size = await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.log_entry");
        Assert.Contains("## Audit chain heads", text, StringComparison.Ordinal);
        Assert.Contains($"| {ChainVerifier.LogChain} | {size} | {root} |", text, StringComparison.Ordinal);

        var outcome = await RunVerification.VerifyAndWriteAsync(harness.Environment.Settings, harness.Environment.Store.VerifyConnectionString,
            Cutter.Domain.RunId.Parse(done.RunId), harness.Time);
        var chains = Assert.IsType<ReportAuditChains>(outcome.Report.AuditChains);
        Assert.Null(chains.FirstBreak);
        Assert.Equal(root, chains.Heads.Single(h => h.Chain == ChainVerifier.LogChain).Head);
    }
}
