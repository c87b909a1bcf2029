using Cutter.Domain;
using Cutter.Governance.Approvals;
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
        IReadOnlyList<ConsumedDecision> decisions;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            ledger = await RunStore.ReadLedgerAsync(connection, context.RunId, cancellationToken);
            decisions = await ConsumedDecisions.ReadAsync(connection, context.RunId, cancellationToken);
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
        AdoptDecisions(context, decisions);
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
        await WriteMissingReportsAsync(context, cancellationToken);
    }

    /// <summary>
    /// A gate consumed in a transaction whose COMMIT state.json never heard of: its record (decision id, approval sha,
    /// signer, times) is taken from the review_decision row the same transaction wrote.
    /// </summary>
    private void AdoptDecisions(RunContext context, IReadOnlyList<ConsumedDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            if (!ApprovalGates.TryParse(decision.Gate, out var gate) || gate == ApprovalGate.Sg3EscalationAuthz) continue;
            var record = context.State.Gates.TryGetValue(gate, out var existing) ? existing : new GateRecord { Gate = gate };
            var id = decision.ReviewDecisionId.ToString("D");
            if (record.ReviewDecisionId == id) continue;
            record.ApprovalKbId = decision.ApprovalKbId;
            record.ApprovalSha256 = decision.ApprovalSha256;
            record.ReviewDecisionId = id;
            record.Signer = decision.Signer;
            record.SignedUtc = decision.SignedUtc;
            record.ConsumedUtc = decision.RecordedAt;
            context.State.Gates[gate] = record;
            context.State.Warnings.Add($"state.json had not recorded the {gate.WireName()} decision {id}; taken from the store's review_decision row");
            services.Logger.LogWarning("run {RunId}: adopting the {Gate} decision {Decision} from the store", context.RunId, gate.WireName(), id);
        }
    }

    /// <summary>A passed phase whose report doc was never written (killed after its COMMIT) gets it now, under the same idempotency key.</summary>
    private async Task WriteMissingReportsAsync(RunContext context, CancellationToken cancellationToken)
    {
        foreach (var phase in context.State.Phases.Where(p => p.Result == PhaseResult.Passed && p.ReportKbId is null))
        {
            journal.Save(context.State);
            phase.ReportKbId = await journal.UploadPhaseReportAsync(context.State, phase, cancellationToken);
            journal.Save(context.State);
        }
    }
}
