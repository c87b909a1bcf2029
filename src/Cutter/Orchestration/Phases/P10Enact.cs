using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 10: under SG_2 and the ruling, in one transaction: the SG_2 review decision, flag on, every draft unit of
/// the run enacted in one set-based UPDATE, and one lifecycle_log row per unit. An amendment run applies its diff
/// instead (<see cref="AmendmentEnactment"/>).
/// </summary>
internal sealed class P10Enact : IPhase
{
    public int Number => 10;
    public string Name => "enact";
    public bool WritesProduction => true;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var approval = GateConsumption.RequireApproval(context, ApprovalGate.Sg2LifecycleAuthz, Number);
        var rulingKbId = GateConsumption.RequireLiveRuling(context, Number);
        var rows = await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            // The decision first: the store raises the flag of a run waiting at SG_2 only once its SG_2 decision is recorded.
            await GateConsumption.RecordDecisionAsync(context, connection, transaction, approval, null, cancellationToken);
            if (context.Mode == RunMode.Live)
            {
                await ExecutionFlag.RaiseForRunAsync(context, connection, transaction, rulingKbId, Number, cancellationToken);
                await RunStore.UpdateRunStateAsync(connection, transaction, context.RunId, RunStatus.Running.WireName(), context.Now, cancellationToken);
            }
            if (context.Amendment is { } amendment)
            {
                return await AmendmentEnactment.ApplyAsync(context, connection, transaction, amendment, approval.ReviewDecisionId, Number, cancellationToken);
            }
            var (enacted, logged) = await RunStore.EnactAsync(connection, transaction, context.RunId, approval.ReviewDecisionId, context.Now, cancellationToken);
            if (enacted != plan.CandidateCount || logged != plan.CandidateCount)
            {
                throw new StopException(StopCodes.InvariantFailed, $"enact changed {enacted} units and logged {logged}; the plan has {plan.CandidateCount}", context.RunId, Number);
            }
            return enacted + logged;
        }, cancellationToken);
        if (context.Amendment is { } applied)
        {
            return new PhaseOutcome(rows, $"amendment enacted: {applied.NewUnits.Count} new units, {applied.Changed.Count} units superseded by a new version, "
                + $"{applied.Retired.Count} units retired; SG_2 consumed as review decision {approval.ReviewDecisionId}");
        }
        return new PhaseOutcome(rows, $"{plan.CandidateCount} units enacted, {plan.CandidateCount} lifecycle_log rows, SG_2 consumed as review decision {approval.ReviewDecisionId}");
    }
}
