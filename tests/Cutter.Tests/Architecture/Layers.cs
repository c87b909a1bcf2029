namespace Cutter.Tests.Architecture;

/// <summary>
/// The allowed arrows between the library's top-level namespaces, bottom to top. A namespace may use those of a
/// lower rank; namespaces of one rank do not use each other. Cutting reads KB documents and knows no database;
/// Store writes the cut's candidate sets and knows no approvals; Governance knows no runner.
/// docs/architecture.md draws the same table.
/// </summary>
internal static class Layers
{
    public static readonly IReadOnlyDictionary<string, int> Rank = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Domain"] = 0,
        ["Infrastructure"] = 1,
        ["Configuration"] = 1,
        ["Knowledge"] = 2,
        ["Scanning"] = 2,
        ["Cutting"] = 3,
        ["Store"] = 4,
        ["Governance"] = 5,
        ["Orchestration"] = 6,
        ["Verification"] = 7,
    };

    public static bool Allows(string from, string to) =>
        Rank.TryGetValue(from, out var f) && Rank.TryGetValue(to, out var t) && t < f;

    /// <summary>One cycle in the directed graph, as the list of its nodes (first repeated last), or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle) return cycle;
        }
        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1) return [.. path.Skip(path.IndexOf(node)), node];
            state[node] = 1;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }
}
