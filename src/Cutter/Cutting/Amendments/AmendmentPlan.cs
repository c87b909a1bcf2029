using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Cutting.Amendments;

/// <summary>
/// What an amendment run writes and what its approval is bound to: the enacted state it was diffed against (and that
/// state's pinned sha), the diff, and the diff's sha, which is the run's payload sha (docs/amendments.md).
/// </summary>
internal sealed record AmendmentPlan(IReadOnlyList<EnactedUnit> Enacted, VersionedHash EnactedSha, AmendmentDiff Diff, VersionedHash DiffSha)
{
    public static AmendmentPlan Make(CandidateSet plan, IReadOnlyList<EnactedUnit> enacted)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var enactedSha = AmendmentSerializer.EnactedSha(plan.DocumentCode, enacted);
        var diff = AmendmentDiff.Compute(enacted, plan.Units);
        return new AmendmentPlan(enacted, enactedSha, diff, AmendmentSerializer.DiffSha(plan.DocumentCode, enactedSha, diff));
    }

    /// <summary>The candidates that become new units (added, and moved to a new address), in candidate order.</summary>
    public IReadOnlyList<UnitChange> NewUnits => [.. Diff.Changes.Where(c => c.Operation is AmendmentOperation.Added or AmendmentOperation.Moved)];

    /// <summary>The enacted units that get a new version.</summary>
    public IReadOnlyList<UnitChange> Changed => [.. Diff.Changes.Where(c => c.Operation == AmendmentOperation.Changed)];

    /// <summary>The enacted units phase 10 retires: removed ones, and the origins of moves.</summary>
    public IReadOnlyList<EnactedUnit> Retired => [.. Diff.Changes.Where(c => c.Operation is AmendmentOperation.Removed or AmendmentOperation.Moved).Select(c => c.Before!)];

    /// <summary>Versions phase 8 writes: version 1 of each new unit and the next version of each changed one.</summary>
    public int VersionCount => NewUnits.Count + Changed.Count;

    /// <summary>
    /// The unit id each address of the new text will have once the run is enacted: an unchanged or changed unit keeps
    /// its id, a new one gets <paramref name="newUnitId"/> of its address.
    /// </summary>
    public Dictionary<string, long> UnitIds(Func<string, long> newUnitId)
    {
        var ids = new Dictionary<string, long>(Diff.Changes.Count, StringComparer.Ordinal);
        foreach (var change in Diff.Changes)
        {
            if (change.After is not { } after) continue;
            ids[after.Address] = change.Operation is AmendmentOperation.Unchanged or AmendmentOperation.Changed
                ? change.Before!.UnitId
                : newUnitId(after.Address);
        }
        return ids;
    }

    /// <summary>Counts per operation wire name, every operation present.</summary>
    public IReadOnlyDictionary<string, int> Counts() =>
        Diff.Counts().ToDictionary(pair => AmendmentSerializer.WireName(pair.Key), pair => pair.Value, StringComparer.Ordinal);

    /// <summary>The enacted state read again must still be the one the plan pinned.</summary>
    public static void RequireUnchanged(VersionedHash pinned, VersionedHash now, RunId runId, int phase)
    {
        if (!now.Matches(pinned, "enacted state"))
        {
            throw new StopException(StopCodes.EnactedStateDrift,
                $"the document's enacted state now hashes to {now}; the amendment was planned and approved against {pinned}", runId, phase);
        }
    }
}
