using Cutter.Domain;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 11: flag off and the run marked closeout_reported in one transaction; then the closeout doc and the runs index.</summary>
internal sealed class P11Closeout : IPhase
{
    public int Number => 11;
    public string Name => "closeout";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        RunRowCounts counts = new(0, 0, 0, 0);
        await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            await ExecutionFlag.LowerAsync(connection, transaction, context.RunId, cancellationToken);
            await RunStore.UpdateRunStateAsync(connection, transaction, context.RunId, RunStatus.CloseoutReported.WireName(), context.Now, cancellationToken);
            counts = await RunStore.ReadRunRowCountsAsync(connection, transaction, context.RunId, cancellationToken);
            return 1;
        }, cancellationToken);
        context.FlagRaisedHere = false;
        if (context.Mode == RunMode.Simulate)
        {
            context.State.Simulation = new SimulationRecord(counts.Units, counts.Versions, counts.LifecycleRows, 2);
        }
        return new PhaseOutcome(1, $"execution flag off; run holds {counts.Units} units ({counts.EnactedUnits} enacted), {counts.Versions} versions, {counts.LifecycleRows} lifecycle rows");
    }
}
