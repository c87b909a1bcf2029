using Cutter.Governance.Approvals;
using Cutter.Orchestration.Batches;
using Cutter.Store;
using Cutter.Store.Batches;
using Npgsql;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// What an idle worker looks at: a batch waiting at a gate whose request has been signed (the signature beside the
/// request under <c>orchestrator.batch_dir</c>) is recorded now, after the same checks as <c>cutter batch resume</c>,
/// which makes its items ready. Several workers may find the same signature at once: the store takes the first
/// recording and refuses the rest (CT012 or CT015), which is not an error for them.
/// </summary>
internal sealed class BatchApprovalWatch(OrchestratorServices services, BatchApprovals approvals)
{
    private static readonly string[] AlreadyRecorded = ["CT012", "CT015"];

    public async Task RecordSignedAsync(Guid? batchId, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredBatch> batches;
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            batches = await BatchStore.ListAsync(connection, cancellationToken);
        }
        foreach (var batch in batches.Where(b => batchId is null || b.BatchId == batchId))
        {
            var gate = batch.State switch
            {
                "awaiting_SG_1" => ApprovalGate.Sg1CutAuthz,
                "awaiting_SG_2" => ApprovalGate.Sg2LifecycleAuthz,
                _ => (ApprovalGate?)null,
            };
            if (gate is null) continue;
            try
            {
                await approvals.RecordIfSignedAsync(batch, gate.Value, cancellationToken);
            }
            catch (PostgresException ex) when (AlreadyRecorded.Contains(ex.SqlState))
            {
                // Another worker recorded it first.
            }
        }
    }
}
