using Cutter.Cutting;
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
}
