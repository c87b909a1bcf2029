namespace Cutter.Cutting.Amendments;

/// <summary>
/// The diff of a document's new candidate set against what is enacted, by address (docs/amendments.md). Every
/// candidate yields exactly one change (unchanged, changed, added or moved), in candidate order; every enacted unit no
/// candidate accounts for is removed, after them in enacted order.
/// </summary>
internal sealed class AmendmentDiff
{
    private AmendmentDiff(IReadOnlyList<UnitChange> changes) => Changes = changes;

    public IReadOnlyList<UnitChange> Changes { get; }

    /// <summary>The changes that write something (everything but <see cref="AmendmentOperation.Unchanged"/>).</summary>
    public IEnumerable<UnitChange> Writes => Changes.Where(change => change.Writes);

    public bool IsEmpty => !Writes.Any();

    /// <summary>Number of changes of each operation, every operation present (zero included).</summary>
    public IReadOnlyDictionary<AmendmentOperation, int> Counts() =>
        Enum.GetValues<AmendmentOperation>().ToDictionary(op => op, op => Changes.Count(change => change.Operation == op));

    public static AmendmentDiff Compute(IReadOnlyList<EnactedUnit> enacted, IReadOnlyList<CandidateUnit> candidates)
    {
        ArgumentNullException.ThrowIfNull(enacted);
        ArgumentNullException.ThrowIfNull(candidates);
        var enactedByAddress = UniqueByAddress(enacted, unit => unit.Address, "enacted units");
        UniqueByAddress(candidates, unit => unit.Address, "candidate units");

        var outcome = new UnitChange?[candidates.Count];
        var accounted = new HashSet<string>(StringComparer.Ordinal);

        // 1. The same unit, untouched: same address, kind, parent, heading and text.
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (enactedByAddress.TryGetValue(candidate.Address, out var before) && IsSameUnit(before, candidate))
            {
                outcome[i] = new UnitChange(AmendmentOperation.Unchanged, before, candidate);
                accounted.Add(before.Address);
            }
        }

        // 2. Moves: a body (the text below the heading, which carries the number) that left one address and arrived at
        // another, same kind. Among several equal bodies, pairs are made in document order only when as many left as
        // arrived; otherwise no guess is made. An empty body never makes a move.
        var leftByText = enacted.Where(unit => !accounted.Contains(unit.Address) && unit.BodySha256 is not null)
            .GroupBy(unit => (unit.Kind, Body: unit.BodySha256!))
            .ToDictionary(group => group.Key, group => group.OrderBy(unit => unit.Ordinal).ToList());
        var arrivedByText = Enumerable.Range(0, candidates.Count).Where(i => outcome[i] is null)
            .Select(i => (Index: i, Body: UnitBody.Sha256(candidates[i].Heading, candidates[i].Content)))
            .Where(arrival => arrival.Body is not null)
            .GroupBy(arrival => (candidates[arrival.Index].Kind, Body: arrival.Body!))
            .ToDictionary(group => group.Key, group => group.Select(arrival => arrival.Index).ToList());
        foreach (var (text, arrivals) in arrivedByText)
        {
            if (!leftByText.TryGetValue(text, out var departures) || departures.Count != arrivals.Count) continue;
            for (var k = 0; k < arrivals.Count; k++)
            {
                var candidate = candidates[arrivals[k]];
                var before = departures[k];
                if (before.Address == candidate.Address) continue;
                outcome[arrivals[k]] = new UnitChange(AmendmentOperation.Moved, before, candidate);
                accounted.Add(before.Address);
            }
        }

        // 3. New text, heading or parent under an address that keeps its kind; 4. everything else is added or removed.
        for (var i = 0; i < candidates.Count; i++)
        {
            if (outcome[i] is not null) continue;
            var candidate = candidates[i];
            if (enactedByAddress.TryGetValue(candidate.Address, out var before)
                && !accounted.Contains(before.Address) && before.Kind == candidate.Kind)
            {
                outcome[i] = new UnitChange(AmendmentOperation.Changed, before, candidate);
                accounted.Add(before.Address);
            }
            else
            {
                outcome[i] = new UnitChange(AmendmentOperation.Added, null, candidate);
            }
        }

        var removed = enacted.Where(unit => !accounted.Contains(unit.Address)).OrderBy(unit => unit.Ordinal)
            .Select(unit => new UnitChange(AmendmentOperation.Removed, unit, null));
        return new AmendmentDiff([.. outcome.Select(change => change!), .. removed]);
    }

    private static bool IsSameUnit(EnactedUnit before, CandidateUnit after) =>
        before.Kind == after.Kind
        && string.Equals(before.ParentAddress, after.ParentAddress, StringComparison.Ordinal)
        && string.Equals(before.ContentSha256, after.ContentSha256, StringComparison.Ordinal)
        && string.Equals(before.Heading, after.Heading, StringComparison.Ordinal);

    private static Dictionary<string, T> UniqueByAddress<T>(IReadOnlyList<T> units, Func<T, string> address, string what)
    {
        var byAddress = new Dictionary<string, T>(units.Count, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!byAddress.TryAdd(address(unit), unit))
            {
                throw new ArgumentException($"{what} list address '{address(unit)}' twice", nameof(units));
            }
        }
        return byAddress;
    }
}
