using Cutter.Governance.Approvals;
using Cutter.Store;
using Cutter.Store.Batches;

namespace Cutter.Orchestration.Batches;

/// <summary>One document of a batch as <c>cutter batch status</c> shows it: its queue state, its run as the store has it, who works on it, and its STOP.</summary>
internal sealed record BatchDocumentStatus(int Position, string KbId, string RunId, string State, string RunState, int LastPhase, string? LeaseOwner,
    DateTimeOffset? LeaseUntil, int Attempts, string? StopCode, string? StopDetail);

/// <summary>A batch gate: its request file, and the recorded approval (null until signed and recorded).</summary>
internal sealed record BatchGateStatus(string Gate, string? RequestPath, string? ApprovalKbId, string? Signer);

/// <summary>
/// Where a batch stands. <see cref="Finished"/>: no document is queued, worked on or waiting for a gate; <see cref="Partial"/>:
/// finished with some documents stopped (each with its STOP; the others closed out; nothing of a stopped document is
/// half-written, since each run stops only between its committed phases).
/// </summary>
internal sealed record BatchStatusReport(string Name, string BatchId, string State, int DocumentCount, string MerkleRoot, IReadOnlyDictionary<string, int> Counts,
    bool Finished, bool Partial, IReadOnlyList<BatchGateStatus> Gates, IReadOnlyList<BatchDocumentStatus> Documents, string Next);

/// <summary>Reads a batch's status from the store alone (so it is the same from any host).</summary>
internal sealed class BatchStatusReader(OrchestratorServices services)
{
    public async Task<BatchStatusReport> ReadAsync(string name, CancellationToken ct)
    {
        await using var connection = await services.Store.OpenAsync(Lane.Verify, ct);
        var batch = await BatchStore.FindAsync(connection, BatchFiles.ValidName(name), ct)
            ?? throw new Domain.InvalidInputException("--name", $"no batch named '{name}'");
        var items = await BatchStore.ItemsAsync(connection, batch.BatchId, ct);
        var runs = await BatchStore.RunProgressAsync(connection, batch.BatchId, ct);
        var gates = new List<BatchGateStatus>();
        foreach (var gate in new[] { ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz })
        {
            var approval = await BatchStore.ApprovalAsync(connection, batch.BatchId, gate.WireName(), ct);
            var requested = gate == ApprovalGate.Sg1CutAuthz || batch.Sg2RequestSha is not null;
            gates.Add(new BatchGateStatus(gate.WireName(), requested ? BatchFiles.RequestPath(services.Settings, batch.Name, gate) : null, approval?.ApprovalKbId, approval?.Signer));
        }
        var documents = items.Select(i =>
        {
            var (runState, lastPhase) = runs.TryGetValue(i.RunId.Value, out var progress) ? progress : ("awaiting_SG_1", 4);
            return new BatchDocumentStatus(i.Position, i.KbId.Value, i.RunId.ToString(), i.State, runState, lastPhase, i.LeaseOwner, i.LeaseUntil, i.Attempts, i.StopCode, i.StopDetail);
        }).ToArray();
        var counts = documents.GroupBy(d => d.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var finished = documents.All(d => d.State is BatchItemStates.Done or BatchItemStates.Stopped);
        return new BatchStatusReport(batch.Name, batch.BatchId.ToString("D"), batch.State, batch.DocumentCount, batch.MerkleRoot, counts, finished,
            finished && documents.Any(d => d.State == BatchItemStates.Stopped), gates, documents, Next(batch, documents, gates));
    }

    private static string Next(StoredBatch batch, IReadOnlyList<BatchDocumentStatus> documents, IReadOnlyList<BatchGateStatus> gates)
    {
        if (gates[0].ApprovalKbId is null) return $"sign {gates[0].RequestPath} ({BatchFiles.SignCommand(gates[0].RequestPath!)}), then cutter batch resume --name {batch.Name}";
        if (batch.State == "awaiting_SG_2" && gates[1].ApprovalKbId is null) return $"sign {gates[1].RequestPath} ({BatchFiles.SignCommand(gates[1].RequestPath!)}), then cutter batch resume --name {batch.Name}";
        if (documents.Any(d => d.State is BatchItemStates.Queued or BatchItemStates.Working)) return $"cutter batch resume --name {batch.Name} (or cutter worker) takes the queued documents forward";
        if (documents.Any(d => d.State == BatchItemStates.Stopped)) return $"the stopped documents name their STOP; fix its cause and run cutter batch resume --name {batch.Name} to retry them";
        if (documents.Any(d => d.State == BatchItemStates.AwaitingGate)) return $"cutter batch resume --name {batch.Name} writes the batch's SG_2 request for the documents waiting at SG_2";
        return "nothing: every document closed out";
    }
}
