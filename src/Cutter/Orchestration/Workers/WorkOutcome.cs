namespace Cutter.Orchestration.Workers;

/// <summary>Where taking one document forward left it, which decides the queue state the worker hands it back in.</summary>
internal enum WorkOutcome
{
    /// <summary>The run reached closeout: the item is done and never taken again.</summary>
    Closed,

    /// <summary>The run paused at a gate: the item waits for the batch's approval of that gate.</summary>
    AwaitingGate,

    /// <summary>The run STOPped: the item is held back with its STOP until an operator acts; the rest of the batch goes on.</summary>
    Stopped,

    /// <summary>Another process holds the document right now (its lock): the item goes back to the queue to be tried again.</summary>
    Busy,

    /// <summary>This worker lost the item's lease (or was asked to stop): the item goes back for another worker to resume.</summary>
    Abandoned,
}
