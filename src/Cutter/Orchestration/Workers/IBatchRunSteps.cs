using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// The two steps of a batch document's run that differ from a single run's: starting the run the batch plan assigned
/// it (under the batch's SG_1 approval), and carrying a run waiting at a gate on under the batch's approval of that
/// gate. Either returns the state the run reached; <see cref="ResumeAtGateAsync"/> returns null when the batch has no
/// approval for the gate yet (the item keeps waiting).
/// </summary>
internal interface IBatchRunSteps
{
    Task<RunState> StartAsync(WorkItem item, CancellationToken cancellationToken);

    Task<RunState?> ResumeAtGateAsync(WorkItem item, RunState waiting, CancellationToken cancellationToken);
}
