using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 9's amendment invariants, from the rows the run wrote: each changed unit got exactly its next version with
/// the new text, heading and parent, and each moved unit records the unit it succeeds; nothing else.
/// </summary>
internal static class AmendmentDraftCheck
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RunId runId,
        AmendmentPlan amendment, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var expectedVersions = amendment.Changed.OrderBy(c => c.Address, StringComparer.Ordinal)
            .Select(c => new AmendedVersionRow(c.Address, c.Before!.VersionNo + 1, c.After!.ContentSha256, c.After.Heading, c.After.ParentAddress)).ToList();
        var storedVersions = await AmendmentStore.ReadAmendedVersionsAsync(connection, transaction, runId, cancellationToken);
        Compare(problems, "new versions of changed units", expectedVersions, storedVersions, v => $"{v.Address} v{v.VersionNo} {v.ContentSha256}");

        var expectedMoves = amendment.Diff.Changes.Where(c => c.Operation == AmendmentOperation.Moved)
            .Select(c => (Address: c.Address, Succeeds: c.Before!.Address)).OrderBy(m => m.Address, StringComparer.Ordinal).ToList();
        var storedMoves = await AmendmentStore.ReadSuccessionsAsync(connection, transaction, runId, cancellationToken);
        Compare(problems, "successions of moved units", expectedMoves, storedMoves, m => $"{m.Item1} <- {m.Item2}");
        return problems;
    }

    private static void Compare<T>(List<string> problems, string what, IReadOnlyList<T> expected, IReadOnlyList<T> stored, Func<T, string> name)
    {
        if (expected.SequenceEqual(stored)) return;
        var missing = expected.Except(stored).Select(name).ToList();
        var extra = stored.Except(expected).Select(name).ToList();
        problems.Add($"{what}: {stored.Count} stored, {expected.Count} planned; missing [{string.Join(", ", missing)}], unplanned [{string.Join(", ", extra)}]");
    }
}
