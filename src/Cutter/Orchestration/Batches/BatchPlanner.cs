using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Batches;

/// <summary>What <c>cutter batch plan</c> made: the batch, its request file, and each document's run.</summary>
internal sealed record BatchPlan(Guid BatchId, string Name, VersionedHash MerkleRoot, string RequestPath, string RequestSha, IReadOnlyList<BatchDocument> Documents);

/// <summary>
/// Plans a batch: every document is cut as its own live run through phases 1-4 (as <c>cutter orchestrate</c> does,
/// each pausing at SG_1), then ONE SG_1 request listing every document, its counts and payload sha, and the Merkle root
/// of their leaves is written to <c>orchestrator.batch_dir</c>, and the batch with its work items is recorded in the
/// store (which recomputes the root). Input is checked before anything is cut: a name taken, a document listed twice or
/// missing from the KB refuses the plan with nothing written. A document that STOPs in phases 1-4 refuses the plan
/// too, naming it; the runs already cut wait at SG_1 outside any batch (docs/batches.md).
/// </summary>
internal sealed class BatchPlanner(OrchestratorServices services, OrchestratorRunner runner)
{
    public async Task<BatchPlan> PlanAsync(string name, IReadOnlyList<KbDocId> documents, string actor, CancellationToken ct)
    {
        BatchFiles.ValidName(name);
        if (documents.Count == 0) throw new InvalidInputException("--documents", "names no document");
        if (documents.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new InvalidInputException("--documents", $"{twice.Key} is listed twice");
        RunDirectories.Ensure(services.Settings);
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, ct))
        {
            if (await BatchStore.FindAsync(connection, name, ct) is not null) throw new InvalidInputException("--name", $"a batch named '{name}' already exists");
        }
        foreach (var document in documents)
        {
            if (!await services.Kb.ExistsAsync(document, ct)) throw new InvalidInputException("--documents", $"{document} does not exist in the KB");
        }

        var planned = new List<BatchDocument>();
        foreach (var document in documents)
        {
            RunState state;
            try
            {
                state = await runner.CutAsync(document, RunMode.Live, actor, ct);
            }
            catch (StopException stop)
            {
                throw new InvalidInputException("--documents", $"{document} stopped while it was planned ({stop.Code.Code} at phase {stop.Phase}: {stop.Detail}); no batch was recorded");
            }
            if (state.Status != RunStatus.AwaitingSg1 || state.PayloadSha is null || state.CandidateCount is null)
            {
                throw new CutterException($"run {state.RunId} of {document} is {state.Status.WireName()} after planning, not waiting at SG_1; no batch was recorded");
            }
            planned.Add(new BatchDocument(planned.Count, document, RunId.Parse(state.RunId), state.CandidateCount.Value,
                VersionedHash.Parse(state.PayloadSha, HashForms.Payload.Family, "payload_sha")));
            services.Logger.LogInformation("batch {Name}: {Document} planned as run {RunId} ({Count} units)", name, document, state.RunId, state.CandidateCount);
        }

        var leaves = planned.Select(d => d.LeafInput).ToArray();
        var root = BatchMerkleTree.Root(leaves);
        var request = new BatchApprovalDocument
        {
            Gate = ApprovalGate.Sg1CutAuthz,
            BatchId = Guid.NewGuid(),
            BatchName = name,
            MerkleRoot = root,
            ReviewDecisionId = Guid.NewGuid(),
            Allowance = ApprovalFields.AllowanceExplicit,
            RequestedUtc = services.Time.GetUtcNow(),
            Documents = planned,
        };
        var raw = request.ToBytes();
        var path = BatchFiles.RequestPath(services.Settings, name, ApprovalGate.Sg1CutAuthz);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        SidecarStore.WriteAtomically(path, raw);
        var sha = Sha256Hex.Of(raw).Value;

        var items = planned.Select(d => new NewBatchItem(d.KbId, d.RunId, d.PayloadSha.ToString(), d.CandidateCount,
            BatchMerkleTree.FormatProof(BatchMerkleTree.InclusionProof(leaves, d.Position)))).ToArray();
        await using (var connection = await services.Store.OpenAsync(Lane.Exec, ct))
        {
            await BatchStore.CreateAsync(connection, request.BatchId, name, actor, root.ToString(), sha, items, services.Time.GetUtcNow(), ct);
        }
        services.Logger.LogInformation("batch {Name}: {Count} documents, root {Root}; SG_1 request {Path}", name, planned.Count, root, path);
        return new BatchPlan(request.BatchId, name, root, path, sha, planned);
    }
}
