using Cutter.Configuration;
using Cutter.Knowledge;
using Cutter.Orchestration.Backup;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Prechecks;
using Cutter.Orchestration.State;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>
/// The collaborators a runner is built from. Everything machine-specific arrives here from configuration.
/// Disposing releases the store lanes' data sources (when the connector owns any).
/// </summary>
public sealed record OrchestratorServices(
    OrchestratorSettings Settings,
    SidecarStore Sidecar,
    IKnowledgeBase Kb,
    IUnitDiscoverer Discoverer,
    IStoreConnector Store,
    IApprovalGate Gates,
    IBackupEngine Backup,
    Func<RunContext, CancellationToken, Task<IReadOnlyList<PrecheckResult>>> Prechecks,
    TimeProvider Time,
    ILogger Logger,
    IProgress<PhaseProgress>? Progress = null,
    IRunObserver? Observer = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Store is IAsyncDisposable owned ? owned.DisposeAsync() : ValueTask.CompletedTask;
}

/// <summary>Progress of a long phase: rows written so far out of the total.</summary>
public readonly record struct PhaseProgress(int Phase, string Name, long Done, long Total);
