namespace Cutter.Orchestration;

/// <summary>Where a durable point lies relative to a phase's commit and its saved state.</summary>
public enum RunPointKind
{
    /// <summary>Inside a mutating phase's transaction: its rows and ledger row sent, COMMIT not yet issued.</summary>
    BeforeCommit,
    /// <summary>The phase's transaction committed; state.json not yet saved.</summary>
    AfterCommit,
    /// <summary>The phase passed and its state (and report doc id) saved.</summary>
    AfterPhase,
    /// <summary>Phase 5 only: the encrypted backup file exists under its final name; the phase has not passed yet.</summary>
    AfterDump,
}

/// <summary>One durable point of a run: <c>before-commit:7</c>, <c>after-commit:7</c>, <c>after-phase:7</c>, <c>after-dump:5</c>.</summary>
public readonly record struct RunPoint(RunPointKind Kind, int Phase)
{
    public override string ToString() => Kind switch
    {
        RunPointKind.BeforeCommit => $"before-commit:{Phase}",
        RunPointKind.AfterCommit => $"after-commit:{Phase}",
        RunPointKind.AfterDump => $"after-dump:{Phase}",
        _ => $"after-phase:{Phase}",
    };
}
