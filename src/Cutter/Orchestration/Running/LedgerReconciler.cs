using Cutter.Domain;
using Cutter.Orchestration.Escalation;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Running;

/// <summary>
/// For a live run the phase ledger is the truth: a resume adopts the ledger rows state.json missed, and a state the
/// ledger cannot back (a torn write) is a terminal STOP with an SG_3 compensation request.
/// </summary>
internal sealed class LedgerReconciler(OrchestratorServices services, RunJournal journal)
{
    public async Task ReconcileAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (context.Mode != RunMode.Live) return;
        IReadOnlyList<LedgerRow> ledger;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            ledger = await RunStore.ReadLedgerAsync(connection, context.RunId, cancellationToken);
        }
        var inLedger = ledger.ToDictionary(l => l.PhaseNo);
        foreach (var phase in context.State.Phases)
        {
            var has = inLedger.TryGetValue(phase.Number, out var row);
            if (has && phase.Result != PhaseResult.Passed)
            {
                context.State.Warnings.Add($"state.json was behind the phase ledger at phase {phase.Number} ({WireNames<PhaseResult>.Of(phase.Result)}); the ledger wins");
                services.Logger.LogWarning("run {RunId}: state.json was behind the ledger at phase {Phase}; adopting the ledger", context.RunId, phase.Number);
                phase.Result = PhaseResult.Passed;
                phase.StartedUtc = row!.StartedAt;
                phase.FinishedUtc = row.FinishedAt;
                phase.RowsWritten = row.RowsWritten;
                phase.Detail = (phase.Detail is null ? "" : phase.Detail + "; ") + "recovered from the phase ledger";
            }
        }
        var findings = await TornWriteDetector.DetectAsync(context, inLedger.Keys, cancellationToken);
        if (findings.Count > 0)
        {
            journal.Save(context.State);
            var request = await new RunEscalation(services).RequestAsync(context.RunId, EscalationActions.Compensate, string.Join("; ", findings), cancellationToken);
            var detail = string.Join("; ", findings) + $"; SG_3 compensation requested as {request}";
            // The escalation request saved the state on its own; the STOP is recorded on what it wrote.
            var stopped = services.Sidecar.Load(context.RunId);
            journal.RecordStop(stopped, new StopRecord(StopCodes.TornWrite.Code, detail, null, StopCodes.TornWrite.Terminal, context.Now));
            throw new StopException(StopCodes.TornWrite, detail, context.RunId);
        }
    }
}
