using System.Diagnostics;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;
using Cutter.Store;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Orchestration.Running;

/// <summary>
/// Runs a run's phases in order from one phase on, until it pauses at a gate, finishes, or STOPs. Whatever the exit,
/// a Simulate transaction is rolled back and a flag this process raised is lowered; a STOP is recorded before it is
/// rethrown with the run id and phase.
/// </summary>
internal sealed class PhaseLoop(OrchestratorServices services, RunJournal journal, GatePause pause)
{
    private readonly RunFinisher _finisher = new(services, journal);
    private readonly Audit.CheckpointWriter _checkpoints = new(services);
    private ILogger Log => services.Logger;

    public async Task RunFromAsync(RunContext context, int fromPhase, CancellationToken cancellationToken)
    {
        var state = context.State;
        try
        {
            try
            {
                await RunPhasesAsync(context, fromPhase, cancellationToken);
            }
            catch (Exception ex) when (StoreOutage.Is(ex))
            {
                throw StoreOutage.Stop(services, ex, context.RunId, RunningPhase(state));
            }
        }
        catch (StopException stop)
        {
            var phase = stop.Phase ?? RunningPhase(state);
            if (phase is { } n)
            {
                var record = context.PhaseRecord(n);
                record.Result = PhaseResult.Stopped;
                record.FinishedUtc = context.Now;
                record.Detail = stop.Detail;
            }
            journal.RecordStop(state, new StopRecord(stop.Code.Code, stop.Detail, phase, stop.Code.Terminal, context.Now));
            Log.LogError("run {RunId} STOPPED {Code} at phase {Phase}: {Detail}", context.RunId, stop.Code.Code, phase, stop.Detail);
            throw new StopException(stop.Code, stop.Detail, context.RunId, phase);
        }
        finally
        {
            if (context.Simulation is { } simulation)
            {
                try
                {
                    await simulation.Transaction.RollbackAsync(CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The server went away: it rolled the simulation back itself.
                }
                await simulation.Transaction.DisposeAsync();
                await simulation.Connection.DisposeAsync();
                context.Simulation = null;
            }
            if (context.FlagRaisedHere)
            {
                await ExecutionFlag.LowerOnExitAsync(context);
            }
        }
    }

    private async Task RunPhasesAsync(RunContext context, int fromPhase, CancellationToken cancellationToken)
    {
        var state = context.State;
        for (var number = fromPhase; number <= PhaseCatalog.All.Count; number++)
        {
            var phase = PhaseCatalog.ByNumber(number);
            if (context.Mode == RunMode.DryRun && number > PhaseCatalog.LastDryRunPhase)
            {
                foreach (var skipped in state.Phases.Where(p => p.Number > PhaseCatalog.LastDryRunPhase)) skipped.Result = PhaseResult.Skipped;
                break;
            }
            if (context.Mode == RunMode.Simulate && phase.WritesProduction && context.Simulation is null)
            {
                var connection = await services.Store.OpenAsync(Lane.Exec, cancellationToken);
                context.Simulation = (connection, await connection.BeginTransactionAsync(cancellationToken));
            }

            var outcome = await RunPhaseAsync(context, phase, cancellationToken);
            if (outcome.PauseForGate is { } gate && context.Mode == RunMode.Live)
            {
                await pause.PauseAsync(context, gate, cancellationToken);
                return;
            }
        }
        await _finisher.FinishAsync(context, cancellationToken);
    }

    private static int? RunningPhase(RunState state) => state.Phases.FirstOrDefault(p => p.Result == PhaseResult.Running)?.Number;

    private async Task<PhaseOutcome> RunPhaseAsync(RunContext context, IPhase phase, CancellationToken cancellationToken)
    {
        var record = context.PhaseRecord(phase.Number);
        record.Result = PhaseResult.Running;
        record.StartedUtc = context.Now;
        var clock = Stopwatch.StartNew();
        Log.LogInformation("run {RunId}: phase {Number} {Name} started", context.RunId, phase.Number, phase.Name);

        PhaseOutcome outcome;
        try
        {
            outcome = await phase.ExecuteAsync(context, cancellationToken);
        }
        catch (HashFormMismatchException ex)
        {
            // A recorded hash of another form is never taken for a change of data (docs/hashes.md).
            throw new StopException(StopCodes.HashFormMismatch, ex.Message, context.RunId, phase.Number);
        }

        record.Result = PhaseResult.Passed;
        record.FinishedUtc = context.Now;
        record.DurationMs = clock.ElapsedMilliseconds;
        record.RowsWritten = outcome.RowsWritten;
        record.Detail = outcome.Detail;
        context.State.UpdatedUtc = context.Now;
        // Saved before the KB upload: the phase is done (and, live, committed) whatever happens to its report.
        journal.Save(context.State);
        record.ReportKbId = await journal.UploadPhaseReportAsync(context.State, record, cancellationToken);
        journal.Save(context.State);
        if (context.Mode == RunMode.Live)
        {
            // A signed checkpoint after every live phase that committed audit rows (docs/audit.md).
            await _checkpoints.WriteAsync(context.RunId, $"phase-{phase.Number}", onlyIfMoved: true, cancellationToken);
        }
        services.Observer?.At(new RunPoint(RunPointKind.AfterPhase, phase.Number));
        Log.LogInformation("run {RunId}: phase {Number} {Name} passed in {Ms} ms: {Detail}", context.RunId, phase.Number, phase.Name, record.DurationMs, outcome.Detail);
        return outcome;
    }
}
