using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Running;

/// <summary>
/// Everything a live resume must verify before it writes anything: the approval of the gate it waits at or will
/// consume next, and the execution ruling while the run is inside phases 5-10. A bad approval leaves the run as it was.
/// </summary>
internal sealed class ResumeGateCheck(OrchestratorServices services)
{
    public async Task VerifyAsync(RunContext context, RunStatus status, int next, KbDocId? approvalKbId, KbDocId? rulingKbId, CancellationToken cancellationToken)
    {
        var state = context.State;
        if (status == RunStatus.AwaitingSg1 && approvalKbId is null)
        {
            throw new InvalidInputException("--approval", $"run {context.RunId} waits at SG_1 (request {state.Gates.GetValueOrDefault(ApprovalGate.Sg1CutAuthz)?.RequestKbId}); pass the SG_1 approval doc id");
        }
        if (status == RunStatus.AwaitingSg2 && approvalKbId is null)
        {
            throw new InvalidInputException("--approval", $"run {context.RunId} waits at SG_2 (request {state.Gates.GetValueOrDefault(ApprovalGate.Sg2LifecycleAuthz)?.RequestKbId}); pass the SG_2 approval doc id");
        }

        // The gate a resume must pass before it may write: SG_1 until phase 6 consumes it, SG_2 until phase 10 does.
        if (ResumePlanner.GateAt(next) is { } gate)
        {
            var gateRecord = state.Gates.GetValueOrDefault(gate);
            var approvalId = approvalKbId ?? (gateRecord?.ApprovalKbId is { } recorded ? KbDocId.Parse(recorded) : (KbDocId?)null)
                ?? throw new InvalidInputException("--approval", $"run {context.RunId} needs its {gate.WireName()} approval to continue at phase {next}");
            var plan = context.RequirePlan();
            var request = new GateRequest(gate, context.RunId, context.BoundPayloadSha, plan.CandidateCount,
                gateRecord?.RequestKbId is { } r ? KbDocId.Parse(r) : (KbDocId?)null);
            var approval = await services.Gates.VerifyApprovalAsync(request, approvalId, cancellationToken);
            context.VerifiedApprovals[gate] = approval;
            var record = gateRecord ?? new GateRecord { Gate = gate };
            record.ApprovalKbId = approvalId.Value;
            state.Gates[gate] = record;
        }

        if (next >= 5 && next <= 10)
        {
            var rulingId = rulingKbId ?? (state.Ruling is { } known ? KbDocId.Parse(known.KbId) : (KbDocId?)null)
                ?? throw new InvalidInputException("--ruling", $"run {context.RunId} needs its execution ruling (request {state.RulingRequestKbId}) to turn the execution flag on");
            var ruling = await services.Gates.VerifyRulingAsync(context.RunId, rulingId, cancellationToken);
            context.Ruling = ruling;
            state.Ruling = new RulingRecord(ruling.KbId.Value, ruling.Signer, ruling.ExpiresUtc);
        }
    }
}
