using Cutter.Domain;
using Cutter.Store.Batches;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// One document of a batch as a worker holds it: the queue row as the claim returned it (batch and position are its
/// key, the run the batch plan cut to SG_1, the attempts so far) and until when this worker's lease runs.
/// </summary>
internal sealed record WorkItem(StoredBatchItem Row)
{
    public Guid BatchId => Row.BatchId;

    public int Position => Row.Position;

    public KbDocId Document => Row.KbId;

    public RunId RunId => Row.RunId;

    public int Attempts => Row.Attempts;

    public DateTimeOffset LeaseUntil => Row.LeaseUntil ?? Row.UpdatedAt;

    public override string ToString() => $"{Document} (item {Position} of batch {BatchId})";
}
