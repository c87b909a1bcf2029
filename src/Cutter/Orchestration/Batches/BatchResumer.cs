using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Batches;

/// <summary>
/// <c>cutter batch resume</c>: records a gate approval whose signature now lies beside its request, puts the stopped
/// documents whose STOP is not terminal back in the queue, takes every queued document forward in this process one
/// after another (through <see cref="BatchDocumentWork"/>, the worker's path, under a lease like a worker's), and, once
/// nothing is queued or worked on, writes the batch's SG_2 request for every document waiting at SG_2.
/// </summary>
internal sealed class BatchResumer(OrchestratorServices services, BatchApprovals approvals, BatchDocumentWork work)
{
    /// <summary>How long this process holds a document before another runner may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task ResumeAsync(string name, string owner, CancellationToken ct)
    {
        RunDirectories.Ensure(services.Settings);
        var batch = await FindAsync(name, ct);
        if (batch.State == "awaiting_SG_1" && await approvals.RecordIfSignedAsync(batch, ApprovalGate.Sg1CutAuthz, ct) is null)
        {
            throw new InvalidInputException("batch", $"batch {batch.Name} waits for its SG_1 approval: sign {BatchFiles.RequestPath(services.Settings, batch.Name, ApprovalGate.Sg1CutAuthz)} and resume");
        }
        if (batch.State == "awaiting_SG_2") await approvals.RecordIfSignedAsync(batch, ApprovalGate.Sg2LifecycleAuthz, ct);
        batch = await FindAsync(name, ct);

        await RequeueStoppedAsync(batch, ct);
        while (await work.TakeAndWorkNextAsync(batch.BatchId, owner, Lease, ct) is not null)
        {
            // One document after another, each through the worker's path, until none is queued.
        }
        if (batch.State == "cutting") await RequestSg2IfReadyAsync(batch, ct);
    }

    private async Task<StoredBatch> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await services.Store.OpenAsync(Lane.Verify, ct);
        return await BatchStore.FindAsync(connection, BatchFiles.ValidName(name), ct) ?? throw new InvalidInputException("--name", $"no batch named '{name}'");
    }

    private async Task<IReadOnlyList<StoredBatchItem>> ItemsAsync(Guid batchId, CancellationToken ct)
    {
        await using var connection = await services.Store.OpenAsync(Lane.Verify, ct);
        return await BatchStore.ItemsAsync(connection, batchId, ct);
    }

    /// <summary>
    /// A stopped document is retried unless its run's STOP is terminal. A document whose run closed out outside the batch
    /// (approved on its own at SG_2, docs/batches.md) is done.
    /// </summary>
    private async Task RequeueStoppedAsync(StoredBatch batch, CancellationToken ct)
    {
        foreach (var item in (await ItemsAsync(batch.BatchId, ct)).Where(i => i.State is BatchItemStates.Stopped or BatchItemStates.AwaitingGate))
        {
            var run = services.Sidecar.Load(item.RunId);
            var next = run.Status == RunStatus.CloseoutReported ? BatchItemStates.Done
                : item.State == BatchItemStates.Stopped && run.Stop is not { Terminal: true } && !run.Status.IsTerminal() ? BatchItemStates.Queued
                : null;
            if (next is null) continue;
            await using var connection = await services.Store.OpenAsync(Lane.Exec, ct);
            await BatchStore.SetItemStateAsync(connection, batch.BatchId, item.Position, next, null, null, ct);
            services.Logger.LogInformation("batch {Name}: {Document} is {State} (was {Was} {Code})", batch.Name, item.KbId, next, item.State, item.StopCode);
        }
    }

    /// <summary>Once nothing is queued or worked on, ONE SG_2 request covers every document waiting at SG_2.</summary>
    private async Task RequestSg2IfReadyAsync(StoredBatch batch, CancellationToken ct)
    {
        var items = await ItemsAsync(batch.BatchId, ct);
        if (items.Any(i => i.State is BatchItemStates.Queued or BatchItemStates.Working)) return;
        var waiting = items.Where(i => i.State == BatchItemStates.AwaitingGate && services.Sidecar.Load(i.RunId).Status == RunStatus.AwaitingSg2).ToArray();
        if (waiting.Length == 0) return;
        var request = new BatchApprovalDocument
        {
            Gate = ApprovalGate.Sg2LifecycleAuthz,
            BatchId = batch.BatchId,
            BatchName = batch.Name,
            MerkleRoot = BatchApprovals.Root(batch),
            ReviewDecisionId = Guid.NewGuid(),
            Allowance = ApprovalFields.AllowanceExplicit,
            RequestedUtc = services.Time.GetUtcNow(),
            Documents = waiting.Select(i => new BatchDocument(i.Position, i.KbId, i.RunId, i.CandidateCount,
                VersionedHash.Parse(i.PayloadSha, HashForms.Payload.Family, "payload_sha"))).ToArray(),
        };
        var raw = request.ToBytes();
        var path = BatchFiles.RequestPath(services.Settings, batch.Name, ApprovalGate.Sg2LifecycleAuthz);
        SidecarStore.WriteAtomically(path, raw);
        await using var connection = await services.Store.OpenAsync(Lane.Exec, ct);
        await BatchStore.RequestSg2Async(connection, batch.BatchId, Sha256Hex.Of(raw).Value, waiting.Select(i => i.Position).ToArray(), services.Time.GetUtcNow(), ct);
        services.Logger.LogInformation("batch {Name}: SG_2 requested for {Count} documents: {Path}", batch.Name, waiting.Length, path);
    }
}
