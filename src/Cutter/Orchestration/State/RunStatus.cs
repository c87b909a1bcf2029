namespace Cutter.Orchestration.State;

/// <summary>Where a run stands. Transitions are checked in <see cref="RunStatusTransitions"/>; docs/runs.md draws them.</summary>
public enum RunStatus
{
    Running,
    AwaitingSg1,
    AwaitingSg2,
    /// <summary>A STOP fired; the run waits for an operator. Resumable unless the STOP code is terminal.</summary>
    Stopped,
    /// <summary>DryRun finished its read-only phases (terminal).</summary>
    DryRunComplete,
    /// <summary>Simulate ran every phase and rolled back (terminal).</summary>
    Simulated,
    /// <summary>Live run done: <c>final_state = closeout_reported</c> (terminal).</summary>
    CloseoutReported,
    /// <summary>Compensated back to the pre-run state after a torn write (terminal).</summary>
    Compensated,
    /// <summary>Reverted under SG_3 (terminal).</summary>
    Reverted,
}

public static class RunStatusTransitions
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

    /// <summary>Reads a wire name back; an unknown one is an error naming it, never a guess.</summary>
    public static RunStatus Parse(string wire) =>
        Enum.GetValues<RunStatus>().Where(s => s.WireName() == wire).Select(s => (RunStatus?)s).FirstOrDefault()
        ?? throw new Domain.CutterException($"unknown run status '{wire}' in state.json");

    /// <summary>Moves a run's state.json to <paramref name="to"/>, refusing a transition the state machine does not allow.</summary>
    public static void TransitionTo(this RunState state, RunStatus to)
    {
        Require(Parse(state.Status), to);
        state.Status = to.WireName();
    }

    /// <summary>The wire name used in state.json, the run table and the runs index.</summary>
    public static string WireName(this RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.AwaitingSg1 => "awaiting_SG_1",
        RunStatus.AwaitingSg2 => "awaiting_SG_2",
        RunStatus.Stopped => "stopped",
        RunStatus.DryRunComplete => "dry_run_complete",
        RunStatus.Simulated => "simulated",
        RunStatus.CloseoutReported => "closeout_reported",
        RunStatus.Compensated => "compensated",
        RunStatus.Reverted => "reverted",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

public sealed class InvalidRunTransitionException(RunStatus from, RunStatus to)
    : Domain.CutterException($"a run in state '{from.WireName()}' cannot move to '{to.WireName()}'")
{
    public RunStatus From { get; } = from;
    public RunStatus To { get; } = to;
}
