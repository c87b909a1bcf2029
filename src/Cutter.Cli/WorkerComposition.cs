using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Orchestration;
using Cutter.Orchestration.Batches;
using Cutter.Orchestration.Workers;
using Cutter.Store;
using Cutter.Store.Batches;
using Microsoft.Extensions.Logging;

namespace Cutter.Cli;

/// <summary>
/// Builds `cutter worker`'s loop from the configuration: the queue in the store, the batch's per-document path, the
/// approval watch, and this worker's log under <c>orchestrator.batch_dir</c>. Resolves <c>--batch</c> (a name or an id).
/// </summary>
internal sealed class WorkerComposition : IAsyncDisposable
{
    private readonly OrchestratorServices _services;

    private WorkerComposition(OrchestratorServices services, WorkerLoop loop, Guid? batchId)
    {
        _services = services;
        Loop = loop;
        BatchId = batchId;
    }

    public WorkerLoop Loop { get; }

    public Guid? BatchId { get; }

    public static async Task<WorkerComposition> CreateAsync(CutterConfiguration configuration, ILogger logger, string? batch, string worker, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var services = CliComposition.Services(configuration, logger);
        try
        {
            var batchId = batch is null ? (Guid?)null : await FindBatchAsync(services, batch, cancellationToken);
            var approvals = new BatchApprovals(services, AllowedSigners.Load(services.Settings.AllowedSignersFile));
            var work = new BatchDocumentWork(services, new OrchestratorRunner(services), approvals);
            var watch = new BatchApprovalWatch(services, approvals);
            var loop = new WorkerLoop(new StoreWorkQueue(services.Store), new BatchItemAdvancer(services, work), new WorkLog(services.Settings.BatchDir, worker),
                services.Time, logger, progress, watch.RecordSignedAsync);
            return new WorkerComposition(services, loop, batchId);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    private static async Task<Guid> FindBatchAsync(OrchestratorServices services, string batch, CancellationToken cancellationToken)
    {
        await using var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken);
        var batches = await BatchStore.ListAsync(connection, cancellationToken);
        return batches.FirstOrDefault(b => b.Name == batch || b.BatchId.ToString() == batch.Trim().ToLowerInvariant())?.BatchId
            ?? throw new InvalidInputException("--batch", $"no batch named or numbered '{batch}' in the store ({batches.Count} batch(es) there)");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
