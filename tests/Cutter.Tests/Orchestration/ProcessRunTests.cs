using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Cutter.Tests.Orchestration;

/// <summary>The runner as operators run it: separate `cutter` processes, killed with SIGKILL at chosen points.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ProcessRunTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int TargetUnits = 51;

    private static Dictionary<string, string?> Environment(RehearsalEnvironment env, string? faultPoint = null) => new()
    {
        ["CUTTER_CONFIG"] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
        ["CUTTER_ENV_FILE"] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
        [FaultInjection.Variable] = faultPoint,
    };

    [Fact]
    public async Task Two_concurrent_cuts_of_one_document_in_two_processes_let_exactly_one_proceed()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        string[] orchestrate = ["orchestrate", "--document", "KB-2186", "--mode", "live", "--actor", "tester"];

        var results = await Task.WhenAll(
            CutterProcess.RunAsync(Environment(env), env.WorkDir, orchestrate),
            CutterProcess.RunAsync(Environment(env), env.WorkDir, orchestrate));

        Assert.Equal([0, 3], results.Select(r => r.ExitCode).Order().ToArray());
        var loser = results.Single(r => r.ExitCode == 3);
        Assert.Contains("STOPPED STOP_DOCUMENT_LOCKED", loser.StandardError, StringComparison.Ordinal);
        var runs = new SidecarStore(env.Settings.SidecarRoot).LoadAll().ToArray();
        Assert.Single(runs, r => r.Status == "awaiting_SG_1");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(env.Store.OwnerConnectionString, "SELECT count(*) FROM cutter_core.information_unit WHERE document_id = (SELECT document_id FROM cutter_core.document WHERE kb_id = 'KB-2186')"));
    }

    // One point of each kind at each boundary that matters: before the first write, inside and after each mutating
    // transaction, state.json behind the ledger, and after the last commit.
    public static TheoryData<string> KillPoints => new(
        "after-phase:1", "after-phase:4", "before-commit:6", "after-commit:7",
        "before-commit:8", "after-commit:9", "before-commit:10", "after-commit:11");

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_run_killed_at_any_point_resumes_to_closeout_with_exact_rows(string killPoint)
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        var kb = new FolderKnowledgeBase(env.Settings.KbRoot);
        var sidecar = new SidecarStore(env.Settings.SidecarRoot);
        var key = SshSigningKey.Load(env.Approver.PrivateKeyPath);
        var authoring = new ApprovalAuthoring(TimeProvider.System);
        string[] command = ["orchestrate", "--document", "KB-2186", "--mode", "live", "--actor", "tester"];
        var killed = false;
        RunState? state = null;

        for (var step = 0; step < 12 && state?.Status != "closeout_reported"; step++)
        {
            var result = await CutterProcess.RunAsync(Environment(env, killed ? null : killPoint), env.WorkDir, command);
            output.WriteLine($"$ cutter {string.Join(' ', command)} -> {result.ExitCode}");
            if (result.ExitCode == CutterProcess.KilledBySigkill)
            {
                Assert.False(killed, "killed twice");
                killed = true;
            }
            else
            {
                Assert.True(result.ExitCode == 0, result.StandardError);
            }
            state = sidecar.LoadAll().Single();
            var runId = state.RunId;
            command = state.Status switch
            {
                "awaiting_SG_1" =>
                [
                    "resume", "--run-id", runId,
                    "--approval", (await authoring.ApproveAsync(kb, KbDocId.Parse(state.Gates[GateNames.CutAuthorization].RequestKbId), key, env.Approver.Principal, "ok\n")).Value,
                    "--ruling", (await authoring.ApproveAsync(kb, KbDocId.Parse(state.RulingRequestKbId), key, env.Approver.Principal, "ok\n")).Value,
                ],
                "awaiting_SG_2" =>
                [
                    "resume", "--run-id", runId,
                    "--approval", (await authoring.ApproveAsync(kb, KbDocId.Parse(state.Gates[GateNames.LifecycleAuthorization].RequestKbId), key, env.Approver.Principal, "ok\n")).Value,
                ],
                _ => ["resume", "--run-id", runId],
            };
        }

        Assert.True(killed, $"the run never reached {killPoint}");
        Assert.Equal("closeout_reported", state!.Status);
        Assert.All(state.Phases, p => Assert.Equal("passed", p.Result));
        var owner = env.Store.OwnerConnectionString;
        var run = state.RunId;
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{run}' AND lifecycle_state = 'enacted'"));
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(owner, $"SELECT count(*) FROM cutter_core.unit_version WHERE run_id = '{run}'"));
        Assert.Equal((long)TargetUnits, await Sql.ScalarAsync<long>(owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{run}'"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(owner, $"SELECT count(*) FROM cutter_governance.review_decision WHERE run_id = '{run}'"));
        Assert.Equal(11L, await Sql.ScalarAsync<long>(owner, $"SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = '{run}'"));
        Assert.False(await Sql.ScalarAsync<bool>(owner, "SELECT enabled FROM cutter_governance.execution_flag"));
    }
}
