using Cutter.Domain;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 8: one unit version per unit (normalized text and its sha256), in one binary COPY. An amendment run writes
/// version 1 of its new units and the next version of each changed unit; nothing for an unchanged one.
/// </summary>
internal sealed class P08WriteVersions : IPhase
{
    public int Number => 8;
    public string Name => "write_versions";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var amendment = context.Amendment;
        var units = amendment?.NewUnits.Count ?? plan.CandidateCount;
        var versions = amendment?.VersionCount ?? plan.CandidateCount;
        var rows = await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var unitIds = await RunStore.UnitIdsOfRunAsync(connection, transaction, context.RunId, cancellationToken);
            if (unitIds.Count != units)
            {
                throw new StopException(StopCodes.InvariantFailed, $"phase 7 left {unitIds.Count} units of this run, the plan has {units}", context.RunId, Number);
            }
            var ids = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.UnitVersionSequence, versions, cancellationToken);
            var versionRows = amendment is null
                ? PlanRows.FirstVersions(plan, ids, address => unitIds[address])
                : PlanRows.AmendmentVersions(amendment, ids, address => unitIds[address]);
            var progress = new Progress<long>(done => context.Report(Number, Name, done, versions));
            return (long)await UnitCopyWriter.WriteVersionsAsync(connection, context.RunId, versionRows, versions, progress, cancellationToken);
        }, cancellationToken);
        return new PhaseOutcome(rows, $"{rows} unit versions written");
    }
}
