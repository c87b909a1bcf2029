using Cutter.Domain;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// Carries a run waiting at a gate on under its batch's approval of that gate: the state the resume left the run in,
/// or null when the batch has no approval for the gate yet (the item keeps waiting).
/// </summary>
internal interface IGateResumer
{
    Task<RunState?> ResumeAtGateAsync(WorkItem item, RunState waiting, CancellationToken cancellationToken);
}
