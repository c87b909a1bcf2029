using Cutter.Domain;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// One document of a batch as a worker holds it: the queue row's id, its batch, the document, the run it has (none
/// before its first cut), how many times it was taken, and until when this worker's lease runs.
/// </summary>
internal sealed record WorkItem(long ItemId, long BatchId, KbDocId Document, RunId? RunId, int Attempts, DateTimeOffset LeaseUntil);
