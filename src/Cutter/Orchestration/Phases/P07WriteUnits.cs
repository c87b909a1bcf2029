using Cutter.Domain;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 7: the run's information units, as draft, in one binary COPY; ids allocated first so parents link.</summary>
internal sealed class P07WriteUnits : IPhase
{
    public int Number => 7;
    public string Name => "write_units";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var rows = await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var document = await RunStore.FindDocumentAsync(connection, transaction, plan.DocumentCode, cancellationToken)
                ?? throw new CutterException($"document {plan.DocumentCode} is not registered (phase 6 registers it)");
            var ids = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.InformationUnitSequence, plan.CandidateCount, cancellationToken);
            var unitRows = PlanRows.Units(plan, ids);
            var progress = new Progress<long>(done => context.Report(Number, Name, done, plan.CandidateCount));
            var written = await UnitCopyWriter.WriteUnitsAsync(connection, document.DocumentId, context.RunId, unitRows, plan.CandidateCount, progress, cancellationToken);
            return (long)written;
        }, cancellationToken);
        return new PhaseOutcome(rows, $"{rows} information units written as draft");
    }
}
