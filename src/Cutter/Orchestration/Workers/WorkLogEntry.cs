namespace Cutter.Orchestration.Workers;

/// <summary>
/// One line of a worker's log: <c>claimed</c> (with the lease it got), <c>renewed</c> (the lease's new end) and
/// <c>released</c> (with the outcome), each with the item, the document and, once known, the run. A worker killed
/// mid-item leaves a claim with no release: its hold on the item ended when its last lease ran out.
/// </summary>
internal sealed record WorkLogEntry(
    string Event,
    string Worker,
    Guid BatchId,
    int Position,
    string Document,
    string RunId,
    int Attempts,
    DateTimeOffset AtUtc,
    DateTimeOffset? LeaseUntilUtc,
    string? Outcome,
    string? Detail);
