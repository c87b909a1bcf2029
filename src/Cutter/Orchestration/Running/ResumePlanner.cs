using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Running;

/// <summary>Where a resumed run picks up, and what it needs before it may go on from there.</summary>
internal static class ResumePlanner
{
    /// <summary>
    /// The first phase not passed. Every phase passed but the run not closed out (a crash after phase 11 committed)
    /// is one past the last: only the closeout remains.
    /// </summary>
    public static int NextPhase(RunState state) =>
        state.Phases.FirstOrDefault(p => p.Result != PhaseResult.Passed)?.Number ?? PhaseCatalog.All.Count + 1;

    /// <summary>The gate whose approval phase <paramref name="next"/> needs before it may run: SG_1 for 5-6 (consumed in 6), SG_2 for 10.</summary>
    public static ApprovalGate? GateAt(int next) => next switch
    {
        5 or 6 => ApprovalGate.Sg1CutAuthz,
        10 => ApprovalGate.Sg2LifecycleAuthz,
        _ => null,
    };

    /// <summary>
    /// A crash between a gate phase (4 or 9) and its pause left no request: the gate the run must pause at now, as it
    /// would have, or null when the resume goes on.
    /// </summary>
    public static ApprovalGate? UnrequestedGate(RunContext context, RunStatus status, int next, KbDocId? approvalKbId) =>
        context.Mode == RunMode.Live && approvalKbId is null && status is RunStatus.Running or RunStatus.Stopped
            && (next, GateAt(next)) is (5 or 10, { } pendingGate) && context.State.Gates.GetValueOrDefault(pendingGate)?.ApprovalKbId is null
            ? pendingGate
            : null;

    /// <summary>Resuming into phase 7 or 8 after a crash: the janitor turned the flag off, so it is raised again under the ruling.</summary>
    public static bool NeedsFlagRaised(RunContext context, int next) => context.Mode == RunMode.Live && next is 7 or 8;
}
