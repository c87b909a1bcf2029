using Cutter.Domain;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// One document of a batch as a worker holds it: its batch and position (the queue row's key), the document, the run
/// the batch plan assigned it (started by the first worker that takes it), how many times it was taken, and until
/// when this worker's lease runs.
/// </summary>
internal sealed record WorkItem(Guid BatchId, int Position, KbDocId Document, RunId RunId, int Attempts, DateTimeOffset LeaseUntil)
{
    public override string ToString() => $"{Document} (item {Position} of batch {BatchId})";
}
