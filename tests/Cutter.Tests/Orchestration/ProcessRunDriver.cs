using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Infrastructure;
using Cutter.Knowledge;
using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Drives live cuts of KB-2186 through real `cutter` processes over one rehearsal environment: one process per
/// step, each gate's approvals signed in-test, a fault point (<see cref="FaultInjection"/>) set on chosen steps.
/// </summary>
internal sealed class ProcessRunDriver(RehearsalEnvironment env)
{
    public const int TargetUnits = 51;

    /// <summary>What a run that reached closeout wrote: enacted units / versions / lifecycle rows / review decisions / ledger rows.</summary>
    public static readonly string CloseoutCounts = $"{TargetUnits}/{TargetUnits}/{TargetUnits}/2/11";

    public static readonly string[] Orchestrate = ["orchestrate", "--document", "KB-2186", "--mode", "live", "--actor", "tester"];

    private readonly FolderKnowledgeBase _kb = new(env.Settings.KbRoot);
    private readonly SshSigningKey _key = SshSigningKey.Load(env.Approver.PrivateKeyPath);
    private readonly ApprovalAuthoring _authoring = new(TimeProvider.System);

    public SidecarStore Sidecar { get; } = new(env.Settings.SidecarRoot);

    public string Owner => env.Store.OwnerConnectionString;

    /// <summary>The `cutter` processes' temp folder (TMPDIR): where phase 5's plain dumps live while gpg encrypts them, checked empty after a run.</summary>
    public string TempDir { get; } = Directory.CreateDirectory(Path.Combine(env.WorkDir, "tmp")).FullName;

    public Dictionary<string, string?> Environment(string? faultPoint = null) => new()
    {
        ["CUTTER_CONFIG"] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
        ["CUTTER_ENV_FILE"] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
        [FaultInjection.Variable] = faultPoint,
        ["TMPDIR"] = TempDir,
    };

    internal Task<ProcessResult> RunAsync(string[] command, string? faultPoint = null) =>
        CutterProcess.RunAsync(Environment(faultPoint), env.WorkDir, command);

    /// <summary>Runs <paramref name="command"/> with one more fault variable set (<see cref="FaultInjection.FillVariable"/>, <see cref="FaultInjection.ReadOnlyVariable"/>).</summary>
    internal Task<ProcessResult> RunWithFaultAsync(string[] command, string variable, string value)
    {
        var environment = Environment();
        environment[variable] = value;
        return CutterProcess.RunAsync(environment, env.WorkDir, command);
    }

    /// <summary>`cutter verify` of <paramref name="runId"/>: exit 0 when every check passes.</summary>
    internal Task<ProcessResult> VerifyAsync(string runId) => RunAsync(["verify", "--run-id", runId]);

    /// <summary>Phase 5's private temp folders left in <see cref="TempDir"/> (a plain dump of a killed backup would be in one).</summary>
    public string[] LeftoverDumpFolders() => Directory.GetDirectories(TempDir, Cutter.Governance.Backup.PrivateTempDirectory.Prefix + "*");

    /// <summary>The resume that carries a run on from <paramref name="state"/>, with the signed approvals its gate needs.</summary>
    public async Task<string[]> NextCommandAsync(RunState state) => state.Status switch
    {
        RunStatus.AwaitingSg1 =>
        [
            "resume", "--run-id", state.RunId,
            "--approval", (await ApproveAsync(state.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId)).Value,
            "--ruling", (await ApproveAsync(state.RulingRequestKbId)).Value,
        ],
        RunStatus.AwaitingSg2 =>
        [
            "resume", "--run-id", state.RunId,
            "--approval", (await ApproveAsync(state.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId)).Value,
        ],
        _ => ["resume", "--run-id", state.RunId],
    };

    /// <summary>
    /// Runs <paramref name="command"/>, then whatever the run's state calls for next, one process per step, until the
    /// environment's only run reaches closeout (or 12 steps have run). Each step gets the fault point
    /// <paramref name="faultPoint"/> names at that moment; <paramref name="onStep"/> (default: the step must exit 0)
    /// sees each result before the run's state is read.
    /// </summary>
    internal async Task<RunState> DriveAsync(string[] command, Func<string?>? faultPoint = null, Func<string[], ProcessResult, Task>? onStep = null)
    {
        RunState? state = null;
        for (var step = 0; step < 12 && state?.Status != RunStatus.CloseoutReported; step++)
        {
            var result = await RunAsync(command, faultPoint?.Invoke());
            if (onStep is null) AssertStepEnded(result, command);
            else await onStep(command, result);
            state = Sidecar.LoadAll().Single();
            command = await NextCommandAsync(state);
        }
        return state!;
    }

    /// <summary>
    /// A live cut of <paramref name="kbId"/> from orchestrate to closeout, one process per step, in an environment other
    /// runs share: every step's result is handed to <paramref name="onStep"/>, and the run's state is picked by document.
    /// Stops at the first step that exits non-zero (after 12 steps at most); returns the run's last state, if any.
    /// </summary>
    internal async Task<RunState?> DriveDocumentAsync(string kbId, Action<string[], ProcessResult> onStep)
    {
        string[] command = ["orchestrate", "--document", kbId, "--mode", "live", "--actor", "tester"];
        RunState? state = null;
        for (var step = 0; step < 12 && state?.Status != RunStatus.CloseoutReported; step++)
        {
            var result = await RunAsync(command);
            onStep(command, result);
            state = Sidecar.LoadAll().SingleOrDefault(s => s.Document.KbId == kbId);
            if (result.ExitCode is not (Cutter.Cli.ExitCodes.Ok or Cutter.Cli.ExitCodes.AwaitingApproval) || state is null) break;
            command = await NextCommandAsync(state);
        }
        return state;
    }

    /// <summary>
    /// A new live run of <paramref name="kbId"/> from orchestrate to closeout, one process per step, when the sidecar
    /// already holds earlier runs of that document (an amendment): the run is the one orchestrate names. Every step must
    /// end (exit 0 or 7); returns the run's last state.
    /// </summary>
    internal async Task<RunState> DriveNewRunAsync(string kbId)
    {
        string[] command = ["orchestrate", "--document", kbId, "--mode", "live", "--actor", "tester"];
        var first = await RunAsync(command);
        AssertStepEnded(first, command);
        var runId = RunId.Parse(CutterProcess.Field(first, "run_id") ?? throw new Xunit.Sdk.XunitException($"orchestrate named no run: {first.StandardOutput}"));
        var state = Sidecar.Load(runId);
        for (var step = 0; step < 12 && state.Status != RunStatus.CloseoutReported; step++)
        {
            command = await NextCommandAsync(state);
            var result = await RunAsync(command);
            AssertStepEnded(result, command);
            state = Sidecar.Load(runId);
        }
        return state;
    }

    /// <summary>A signed approval of the KB request <paramref name="requestKbId"/> (any gate), by the rehearsal's approver.</summary>
    internal Task<KbDocId> SignAsync(string requestKbId) => ApproveAsync(requestKbId);

    /// <summary>The step finished: done (0), or paused at a gate (7, docs/exit-codes.md).</summary>
    internal static void AssertStepEnded(ProcessResult result, string[] command) =>
        Assert.True(result.ExitCode is Cutter.Cli.ExitCodes.Ok or Cutter.Cli.ExitCodes.AwaitingApproval, $"cutter {string.Join(' ', command)} exited {result.ExitCode}: {result.StandardError}");

    /// <summary>The run's rows in the form of <see cref="CloseoutCounts"/>.</summary>
    public Task<string> CountsAsync(string runId) => Sql.ScalarAsync<string>(Owner, $"""
        SELECT (SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{runId}' AND lifecycle_state = 'enacted') || '/' ||
               (SELECT count(*) FROM cutter_core.unit_version WHERE run_id = '{runId}') || '/' ||
               (SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{runId}') || '/' ||
               (SELECT count(*) FROM cutter_governance.review_decision WHERE run_id = '{runId}') || '/' ||
               (SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = '{runId}')
        """);

    public Task<bool> FlagOnAsync() => Sql.ScalarAsync<bool>(Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag");

    private Task<KbDocId> ApproveAsync(string? requestKbId) =>
        _authoring.ApproveAsync(_kb, KbDocId.Parse(requestKbId), _key, env.Approver.Principal, "ok\n");
}
