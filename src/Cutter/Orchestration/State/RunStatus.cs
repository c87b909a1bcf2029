using System.Text.Json.Serialization;
using Cutter.Domain;

namespace Cutter.Orchestration.State;

/// <summary>
/// Where a run stands. Transitions are checked in <see cref="RunStatusTransitions"/>; docs/runs.md draws them.
/// The wire names (state.json, the run table, the runs index) are the member attributes.
/// </summary>
[JsonConverter(typeof(WireNameConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("running")]
    Running,
    [JsonStringEnumMemberName("awaiting_SG_1")]
    AwaitingSg1,
    [JsonStringEnumMemberName("awaiting_SG_2")]
    AwaitingSg2,
    /// <summary>A STOP fired; the run waits for an operator. Resumable unless the STOP code is terminal.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,
    /// <summary>DryRun finished its read-only phases (terminal).</summary>
    [JsonStringEnumMemberName("dry_run_complete")]
    DryRunComplete,
    /// <summary>Simulate ran every phase and rolled back (terminal).</summary>
    [JsonStringEnumMemberName("simulated")]
    Simulated,
    /// <summary>Live run done: <c>final_state = closeout_reported</c> (terminal).</summary>
    [JsonStringEnumMemberName("closeout_reported")]
    CloseoutReported,
    /// <summary>Compensated back to the pre-run state after a torn write (terminal).</summary>
    [JsonStringEnumMemberName("compensated")]
    Compensated,
    /// <summary>Reverted under SG_3 (terminal).</summary>
    [JsonStringEnumMemberName("reverted")]
    Reverted,
}

internal static class RunStatusTransitions
{
    private static readonly Dictionary<RunStatus, RunStatus[]> Allowed = new()
    {
        [RunStatus.Running] = [RunStatus.AwaitingSg1, RunStatus.AwaitingSg2, RunStatus.Stopped, RunStatus.DryRunComplete, RunStatus.Simulated, RunStatus.CloseoutReported, RunStatus.Compensated],
        [RunStatus.AwaitingSg1] = [RunStatus.Running, RunStatus.Stopped, RunStatus.Compensated],
        [RunStatus.AwaitingSg2] = [RunStatus.Running, RunStatus.Stopped, RunStatus.Compensated],
        [RunStatus.Stopped] = [RunStatus.Running, RunStatus.Stopped, RunStatus.Compensated],
        [RunStatus.CloseoutReported] = [RunStatus.Reverted],
        [RunStatus.DryRunComplete] = [],
        [RunStatus.Simulated] = [],
        [RunStatus.Compensated] = [],
        [RunStatus.Reverted] = [],
    };

    public static bool IsTerminal(this RunStatus status) => Allowed[status].Length == 0 || status == RunStatus.CloseoutReported;

    public static void Require(RunStatus from, RunStatus to)
    {
        if (!Allowed[from].Contains(to))
        {
            throw new InvalidRunTransitionException(from, to);
        }
    }

    /// <summary>Moves a run's state.json to <paramref name="to"/>, refusing a transition the state machine does not allow.</summary>
    public static void TransitionTo(this RunState state, RunStatus to)
    {
        Require(state.Status, to);
        state.Status = to;
    }

    /// <summary>The wire name used in state.json, the run table and the runs index.</summary>
    public static string WireName(this RunStatus status) => WireNames<RunStatus>.Of(status);
}

internal sealed class InvalidRunTransitionException(RunStatus from, RunStatus to)
    : Domain.CutterException($"a run in state '{from.WireName()}' cannot move to '{to.WireName()}'")
{
    public RunStatus From { get; } = from;
    public RunStatus To { get; } = to;
}
