using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Orchestration.Phases;

/// <summary>How the phases that consume a gate find its verified approval and record it as a review decision.</summary>
internal static class GateConsumption
{
    public const string SimulatedSigner = "simulation";

    /// <summary>The approval verified for this gate in this process; a Simulate run gets a stand-in that binds nothing.</summary>
    public static ConsumableApproval RequireApproval(RunContext context, ApprovalGate gate, int phase)
    {
        if (context.VerifiedApprovals.TryGetValue(gate, out var approval)) return approval;
        if (context.Mode == RunMode.Simulate)
        {
            // Simulate runs the same SQL as Live in a transaction that is rolled back; no approval is consumed.
            // Its stand-in evidence is the text it hashes, unsigned: the store takes an unsigned decision only for a Simulate run.
            var standIn = System.Text.Encoding.UTF8.GetBytes($"simulated {gate.WireName()} {context.RunId}");
            return new ConsumableApproval(KbDocId.None, gate, Guid.NewGuid(),
                Sha256Hex.Of(standIn).Value, SimulatedSigner, context.Now, null);
        }
        throw new StopException(StopCodes.ApprovalMissing, $"phase {phase} needs a verified {gate.WireName()} approval; resume with --approval", context.RunId, phase);
    }

    /// <summary>The ruling's KB id, after checking it is still in its TTL (Simulate needs none).</summary>
    public static string RequireLiveRuling(RunContext context, int phase)
    {
        if (context.Mode == RunMode.Simulate) return "simulation";
        var ruling = context.Ruling
            ?? throw new StopException(StopCodes.RulingInvalid, "no execution ruling was verified for this run; resume with the SG_1 approval that names one, or --ruling", context.RunId, phase);
        if (ruling.RunId != context.RunId)
        {
            throw new StopException(StopCodes.RulingInvalid, $"ruling {ruling.KbId} is scoped to run {ruling.RunId}", context.RunId, phase);
        }
        if (ruling.ExpiresUtc <= context.Now)
        {
            throw new StopException(StopCodes.RulingInvalid, $"ruling {ruling.KbId} expired at {ruling.ExpiresUtc:u}", context.RunId, phase);
        }
        return ruling.KbId.Value;
    }

    /// <summary>The review decision a consumed approval records, with its evidence.</summary>
    public static ReviewDecisionRow ToDecisionRow(ConsumableApproval approval, RunId runId, string? payloadSha) =>
        new(approval.ReviewDecisionId, runId, approval.Gate.WireName(), approval.ApprovalKbId.Value, approval.ApprovalSha256, payloadSha,
            approval.Signer, approval.SignedUtc, approval.Evidence?.Document, approval.Evidence?.Signature);

    public static async Task RecordDecisionAsync(RunContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, ConsumableApproval approval, string? payloadSha, CancellationToken cancellationToken)
    {
        if (approval.FromBatch)
        {
            var recorded = await Store.Batches.BatchStore.RecordDecisionAsync(connection, transaction, context.RunId, approval.Gate.WireName(), context.Now, cancellationToken);
            if (recorded != approval.ReviewDecisionId)
            {
                throw new CutterException($"run {context.RunId}: the store derived batch decision {recorded}, this process {approval.ReviewDecisionId}");
            }
        }
        else
        {
            await RunStore.InsertReviewDecisionAsync(connection, transaction,
                ToDecisionRow(approval, context.RunId, payloadSha),
                context.Now, cancellationToken);
        }
        if (context.Mode != RunMode.Live) return;
        var record = context.State.Gates.TryGetValue(approval.Gate, out var existing) ? existing : new GateRecord { Gate = approval.Gate };
        record.ApprovalKbId = approval.ApprovalKbId.Value;
        record.ApprovalSha256 = approval.ApprovalSha256;
        record.ReviewDecisionId = approval.ReviewDecisionId.ToString("D");
        record.Signer = approval.Signer;
        record.SignedUtc = approval.SignedUtc;
        record.ConsumedUtc = context.Now;
        context.State.Gates[approval.Gate] = record;
    }
}
