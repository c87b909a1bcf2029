namespace Cutter.Store.Audit;

/// <summary>Rows per table as the log's entries count them (the genesis entry pins the chain-v1 prefix and counts none).</summary>
internal static class LogCounts
{
    public static IReadOnlyDictionary<string, long> Of(IEnumerable<LogEntry> entries)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Operation != "genesis"))
        {
            counts[entry.Table] = counts.GetValueOrDefault(entry.Table) + entry.RowCount;
        }
        return counts;
    }
}
