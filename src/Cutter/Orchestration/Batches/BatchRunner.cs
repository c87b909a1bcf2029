using Cutter.Domain;
using Cutter.Governance.Signatures;

namespace Cutter.Orchestration.Batches;

/// <summary>
/// The batch verbs over one set of services: <see cref="PlanAsync"/> (<c>cutter batch plan</c>), <see cref="StatusAsync"/>
/// (<c>cutter batch status</c>), <see cref="ResumeAsync"/> (<c>cutter batch resume</c>), and <see cref="Work"/>, the
/// per-document path a worker process calls for each item it takes from the queue.
/// </summary>
internal sealed class BatchRunner
{
    private readonly BatchPlanner _planner;
    private readonly BatchStatusReader _status;
    private readonly BatchResumer _resumer;

    public BatchRunner(OrchestratorServices services, AllowedSigners allowedSigners)
    {
        var runner = new OrchestratorRunner(services);
        var approvals = new BatchApprovals(services, allowedSigners);
        Work = new BatchDocumentWork(services, runner, approvals);
        _planner = new BatchPlanner(services, runner);
        _status = new BatchStatusReader(services);
        _resumer = new BatchResumer(services, approvals, Work);
    }

    public BatchDocumentWork Work { get; }

    public Task<BatchPlan> PlanAsync(string name, IReadOnlyList<KbDocId> documents, string actor, CancellationToken ct = default) =>
        _planner.PlanAsync(name, documents, actor, ct);

    public Task<BatchStatusReport> StatusAsync(string name, CancellationToken ct = default) => _status.ReadAsync(name, ct);

    /// <summary>Takes the batch as far as its approvals allow, in this process; returns where it then stands.</summary>
    public async Task<BatchStatusReport> ResumeAsync(string name, string owner, CancellationToken ct = default)
    {
        await _resumer.ResumeAsync(name, owner, ct);
        return await _status.ReadAsync(name, ct);
    }
}
