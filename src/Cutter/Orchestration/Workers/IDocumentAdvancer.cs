namespace Cutter.Orchestration.Workers;

/// <summary>
/// Takes one batch document as far forward as it can go now: cuts it when it has no run, resumes its run from a gate
/// under the batch's approval or after a crash through the ledger, until the run pauses at a gate, reaches closeout
/// or STOPs. The worker holds the item's lease around it; the document lock inside the runner is the exclusion per
/// document. <paramref name="cancellationToken"/> is cancelled when the lease is lost.
/// </summary>
internal interface IDocumentAdvancer
{
    Task<AdvanceResult> AdvanceAsync(WorkItem item, CancellationToken cancellationToken);
}
