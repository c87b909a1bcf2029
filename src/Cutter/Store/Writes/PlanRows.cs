using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Domain.Hashing;

namespace Cutter.Store.Writes;

/// <summary>
/// The rows a candidate set becomes, in plan order: units with ids allocated up front (so a parent's id is known
/// before its children are sent) and one version per unit. Phases 7 and 8 and the sample seeding all write these.
/// </summary>
internal static class PlanRows
{
    public static IEnumerable<UnitRow> Units(CandidateSet plan, IReadOnlyList<long> unitIds)
    {
        var idByAddress = new Dictionary<string, long>(plan.CandidateCount, StringComparer.Ordinal);
        for (var i = 0; i < plan.Units.Count; i++) idByAddress[plan.Units[i].Address] = unitIds[i];
        return plan.Units.Select((u, i) => new UnitRow(unitIds[i], u.Address, u.Ordinal, u.Kind,
            u.ParentAddress is null ? null : idByAddress[u.ParentAddress], u.Heading));
    }

    /// <summary>
    /// Version 1 of every unit; <paramref name="unitIdOf"/> maps an address to its stored unit id. The cutter makes
    /// every content hash in the current content form, and each row says so.
    /// </summary>
    public static IEnumerable<VersionRow> FirstVersions(CandidateSet plan, IReadOnlyList<long> versionIds, Func<string, long> unitIdOf) =>
        plan.Units.Select((u, i) => new VersionRow(versionIds[i], unitIdOf(u.Address), 1, u.Content, u.ContentSha256, HashForms.Content));

    /// <summary>
    /// An amendment's new units (added, and moved to a new address, which records the unit it succeeds), in candidate
    /// order, with ids allocated up front; a parent is a new unit of the run or a unit that stays (docs/amendments.md).
    /// </summary>
    public static IEnumerable<UnitRow> AmendmentUnits(AmendmentPlan amendment, IReadOnlyList<long> unitIds)
    {
        var news = amendment.NewUnits;
        var newIds = new Dictionary<string, long>(news.Count, StringComparer.Ordinal);
        for (var i = 0; i < news.Count; i++) newIds[news[i].After!.Address] = unitIds[i];
        var ids = amendment.UnitIds(address => newIds[address]);
        return news.Select((change, i) =>
        {
            var u = change.After!;
            return new UnitRow(unitIds[i], u.Address, u.Ordinal, u.Kind, u.ParentAddress is null ? null : ids[u.ParentAddress], u.Heading,
                change.Operation == AmendmentOperation.Moved ? change.Before!.UnitId : null);
        });
    }

    /// <summary>
    /// An amendment's versions: version 1 of each new unit (<paramref name="newUnitId"/> maps its address to the stored
    /// id), then the next version of each changed unit, carrying its heading and parent.
    /// </summary>
    public static IEnumerable<VersionRow> AmendmentVersions(AmendmentPlan amendment, IReadOnlyList<long> versionIds, Func<string, long> newUnitId)
    {
        var ids = amendment.UnitIds(newUnitId);
        var next = 0;
        foreach (var change in amendment.NewUnits)
        {
            var u = change.After!;
            yield return new VersionRow(versionIds[next++], newUnitId(u.Address), 1, u.Content, u.ContentSha256, HashForms.Content);
        }
        foreach (var change in amendment.Changed)
        {
            var u = change.After!;
            yield return new VersionRow(versionIds[next++], change.Before!.UnitId, change.Before.VersionNo + 1, u.Content, u.ContentSha256, HashForms.Content,
                u.Heading, u.ParentAddress is null ? null : ids[u.ParentAddress]);
        }
    }
}
