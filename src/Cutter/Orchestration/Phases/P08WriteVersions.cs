using Cutter.Domain;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 8: one unit version per unit (normalized text and its sha256), in one binary COPY.</summary>
internal sealed class P08WriteVersions : IPhase
{
    public int Number => 8;
    public string Name => "write_versions";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var rows = await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var unitIds = await RunStore.UnitIdsOfRunAsync(connection, transaction, context.RunId, cancellationToken);
            if (unitIds.Count != plan.CandidateCount)
            {
                throw new StopException(StopCodes.InvariantFailed, $"phase 7 left {unitIds.Count} units of this run, the plan has {plan.CandidateCount}", context.RunId, Number);
            }
            var ids = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.UnitVersionSequence, plan.CandidateCount, cancellationToken);
            var versionRows = PlanRows.FirstVersions(plan, ids, address => unitIds[address]);
            var progress = new Progress<long>(done => context.Report(Number, Name, done, plan.CandidateCount));
            return (long)await UnitCopyWriter.WriteVersionsAsync(connection, context.RunId, versionRows, plan.CandidateCount, progress, cancellationToken);
        }, cancellationToken);
        return new PhaseOutcome(rows, $"{rows} unit versions written");
    }
}
