using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 6: under a valid execution ruling, in one transaction: register the target document if new, record
/// the run and the ledger rows of phases 1-5, consume the SG_1 approval as a review decision (with its evidence), and
/// turn the execution flag on for this run.
/// </summary>
internal sealed class P06ExecutionFlip : IPhase
{
    public int Number => 6;
    public string Name => "execution_flip";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var approval = GateConsumption.RequireApproval(context, ApprovalGate.Sg1CutAuthz, Number);
        var rulingKbId = GateConsumption.RequireLiveRuling(context, Number);

        await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var documentId = await RunStore.FindDocumentAsync(connection, transaction, plan.DocumentCode, cancellationToken) is { } existing
                ? existing.DocumentId
                : await RunStore.RegisterDocumentAsync(connection, transaction, plan.KbId, plan.DocumentCode, plan.Title, cancellationToken);
            if (context.Amendment is { } amendment)
            {
                // The diff was approved against the enacted state the plan pinned; it must still be that state.
                var enacted = await AmendmentStore.ReadEnactedAsync(connection, transaction, documentId, cancellationToken);
                AmendmentPlan.RequireUnchanged(amendment.EnactedSha, AmendmentSerializer.EnactedSha(plan.DocumentCode, enacted), context.RunId, Number);
            }
            await RunStore.InsertRunAsync(connection, transaction, context.RunId, documentId, context.Mode, context.State.Actor, context.BoundPayloadSha,
                plan.CandidateCount, context.Now, context.Amendment?.EnactedSha, cancellationToken);
            foreach (var earlier in context.State.Phases.Where(p => p.Number < Number))
            {
                await RunStore.InsertLedgerAsync(connection, transaction, context.RunId, earlier.Number, earlier.Name, earlier.RowsWritten,
                    earlier.StartedUtc ?? context.Now, earlier.FinishedUtc ?? context.Now, cancellationToken);
            }
            // The decision first: the store raises a live run's flag only once its SG_1 decision is recorded.
            await GateConsumption.RecordDecisionAsync(context, connection, transaction, approval, context.BoundPayloadSha.ToString(), cancellationToken);
            await ExecutionFlag.RaiseForRunAsync(context, connection, transaction, rulingKbId, Number, cancellationToken);
            return 1;
        }, cancellationToken);
        return new PhaseOutcome(1, $"execution flag on for run {context.RunId} under ruling {rulingKbId}; SG_1 consumed as review decision {approval.ReviewDecisionId}");
    }
}
