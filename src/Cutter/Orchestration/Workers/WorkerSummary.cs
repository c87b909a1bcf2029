namespace Cutter.Orchestration.Workers;

/// <summary>What one worker did before it exited: items it took and how each ended, and what it left in the queue.</summary>
internal sealed record WorkerSummary(string Worker, IReadOnlyList<WorkedItem> Items, QueueCounts Left)
{
    public int Count(WorkOutcome outcome) => Items.Count(i => i.Outcome == outcome);
}

/// <summary>One item a worker took: the document, its run, how it ended, and how long the worker held it.</summary>
internal sealed record WorkedItem(int Position, string Document, string RunId, WorkOutcome Outcome, string Detail, long DurationMs);
