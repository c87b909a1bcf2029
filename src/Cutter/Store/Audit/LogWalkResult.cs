namespace Cutter.Store.Audit;

/// <summary>
/// What a full walk of the log found: every entry (with the root recomputed from the leaves), the frozen chain-v1
/// heads, how many rows were read, and every finding (empty when the store verifies).
/// </summary>
internal sealed record LogWalkResult(IReadOnlyList<LogEntry> Entries, IReadOnlyList<ChainHead> FrozenHeads, long RowsRead, IReadOnlyList<LogFinding> Findings)
{
    public long TreeSize => Entries.Count;

    /// <summary>The recomputed root at the head (null for an empty log).</summary>
    public string? Root => Entries.Count == 0 ? null : Entries[^1].RecomputedRoot;

    /// <summary>The recomputed root at <paramref name="treeSize"/>, or null when the log is shorter.</summary>
    public string? RootAt(long treeSize) => treeSize >= 1 && treeSize <= Entries.Count ? Entries[(int)treeSize - 1].RecomputedRoot : null;

    /// <summary>Rows each table had received by <paramref name="treeSize"/>, per the entries (genesis excluded).</summary>
    public IReadOnlyDictionary<string, long> CountsAt(long treeSize) => LogCounts.Of(Entries.Take((int)Math.Min(treeSize, Entries.Count)));
}
