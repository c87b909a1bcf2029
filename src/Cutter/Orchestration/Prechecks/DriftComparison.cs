using System.Globalization;
using Cutter.Store;

namespace Cutter.Orchestration.Prechecks;

/// <summary>One pinned document whose live unit count differs from its pin; <see cref="Live"/> is null when the store lacks the document.</summary>
internal sealed record DocumentDrift(string Code, long Pinned, long? Live)
{
    /// <summary>Live minus pinned; null when the document is missing.</summary>
    public long? Delta => Live - Pinned;

    public override string ToString() => Live is { } live
        ? string.Create(CultureInfo.InvariantCulture, $"{Code}: pinned {Pinned}, live {live} ({live - Pinned:+0;-0})")
        : string.Create(CultureInfo.InvariantCulture, $"{Code}: pinned {Pinned}, not in the store");
}

/// <summary>
/// Live per-document unit counts against <c>orchestrator.pinned_counts</c>: the pinned documents that moved or
/// vanished (drift), those that match, and the documents in the store that nothing pins (reported, not drift).
/// </summary>
internal sealed record DriftComparison(IReadOnlyList<DocumentDrift> Drifted, IReadOnlyList<string> Matching, IReadOnlyList<string> Unpinned)
{
    public bool HasDrift => Drifted.Count > 0;

    public static DriftComparison Compare(IReadOnlyDictionary<string, long> pinned, IReadOnlyList<DocumentFootprint> live)
    {
        var liveByCode = live.ToDictionary(f => f.Code, f => f.Units, StringComparer.Ordinal);
        var drifted = new List<DocumentDrift>();
        var matching = new List<string>();
        foreach (var (code, count) in pinned.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!liveByCode.TryGetValue(code, out var units)) drifted.Add(new DocumentDrift(code, count, null));
            else if (units != count) drifted.Add(new DocumentDrift(code, count, units));
            else matching.Add(code);
        }
        var unpinned = liveByCode.Keys.Where(code => !pinned.ContainsKey(code)).Order(StringComparer.Ordinal).ToArray();
        return new DriftComparison(drifted, matching, unpinned);
    }
}
