using Cutter.Governance.Approvals;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// One of the 11 phases. A phase either passes (with what it wrote) or throws a StopException; it never skips
/// ahead. The list, in order, is <see cref="PhaseCatalog"/>.
/// </summary>
internal interface IPhase
{
    int Number { get; }
    string Name { get; }
    /// <summary>Whether the phase writes the governed content tables (and so needs the execution flag).</summary>
    bool WritesProduction { get; }

    Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken);
}

/// <summary>What a passed phase reports; <see cref="PauseForGate"/> names the gate the run now waits at (live runs only).</summary>
internal sealed record PhaseOutcome(long RowsWritten, string Detail, ApprovalGate? PauseForGate = null);
