using Cutter.Domain;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 7: the run's information units, as draft, in one binary COPY; ids allocated first so parents link. An
/// amendment run writes only its new units (added, and moved to a new address with the unit they succeed).
/// </summary>
internal sealed class P07WriteUnits : IPhase
{
    public int Number => 7;
    public string Name => "write_units";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var amendment = context.Amendment;
        var count = amendment?.NewUnits.Count ?? plan.CandidateCount;
        var rows = await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var document = await RunStore.FindDocumentAsync(connection, transaction, plan.DocumentCode, cancellationToken)
                ?? throw new CutterException($"document {plan.DocumentCode} is not registered (phase 6 registers it)");
            var ids = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.InformationUnitSequence, count, cancellationToken);
            var unitRows = amendment is null ? PlanRows.Units(plan, ids) : PlanRows.AmendmentUnits(amendment, ids);
            var progress = new Progress<long>(done => context.Report(Number, Name, done, count));
            var written = await UnitCopyWriter.WriteUnitsAsync(connection, document.DocumentId, context.RunId, unitRows, count, progress, cancellationToken);
            return (long)written;
        }, cancellationToken);
        return new PhaseOutcome(rows, $"{rows} information units written as draft");
    }
}
