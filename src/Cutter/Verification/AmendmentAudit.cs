using System.Text;
using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Knowledge;
using Cutter.Store;
using Cutter.Store.Scan;

namespace Cutter.Verification;

/// <summary>
/// What an amendment run R did to its target, judged from the store alone (docs/verification.md, "Amendment runs"):
/// <list type="bullet">
/// <item><see cref="Before"/>: the enacted state before R, rebuilt from the rows as they are now (every enacted unit R
/// did not write, every unit R retired, each at its lowest version that R neither wrote nor left unsuperseded); its
/// <c>sha256:enacted-v1</c> must be the one the plan pinned, so an unchanged unit that was touched shows here;</item>
/// <item><see cref="Diff"/>: that state diffed against the pinned source's cut, whose <c>sha256:amendment-v1</c> must be
/// the approved payload;</item>
/// <item>R's rows and marks, compared with exactly the writes that diff calls for;</item>
/// <item><see cref="After"/>: the enacted state now, which must be the new text unit for unit.</item>
/// </list>
/// Pure over the rows it is given, so a test can hand it broken ones.
/// </summary>
internal sealed class AmendmentAudit
{
    private const int NamedAtMost = 5;
    private readonly IReadOnlyList<DocumentVersionRow> _rows;
    private readonly IReadOnlyList<LifecycleRow> _lifecycle;
    private readonly Dictionary<long, string> _addressOf;

    public AmendmentAudit(Guid runId, DocumentCode code, IReadOnlyList<DocumentVersionRow> rows, IReadOnlyList<LifecycleRow> lifecycle, CandidateSet candidates)
    {
        RunId = runId;
        Code = code;
        _rows = rows;
        _lifecycle = lifecycle;
        Candidates = candidates;
        _addressOf = rows.GroupBy(row => row.IuId).ToDictionary(group => group.Key, group => group.First().Address);
        Before = EnactedState(unit => (unit.LifecycleState == "enacted" && unit.UnitRunId != runId) || unit.RetiredRunId == runId,
            version => version.VersionRunId != runId && (version.SupersededRunId is null || version.SupersededRunId == runId));
        After = EnactedState(unit => unit.LifecycleState == "enacted", version => version.SupersededRunId is null);
        BeforeSha = AmendmentSerializer.EnactedSha(code, Before);
        Diff = AmendmentDiff.Compute(Before, candidates.Units);
        DiffSha = AmendmentSerializer.DiffSha(code, BeforeSha, Diff);
    }

    public Guid RunId { get; }

    public DocumentCode Code { get; }

    public CandidateSet Candidates { get; }

    public IReadOnlyList<EnactedUnit> Before { get; }

    public IReadOnlyList<EnactedUnit> After { get; }

    public VersionedHash BeforeSha { get; }

    public AmendmentDiff Diff { get; }

    public VersionedHash DiffSha { get; }

    /// <summary>Reads the rows and cuts the pinned source of the run's target (state.json's source_sha must match the run folder's source.md).</summary>
    public static async Task<AmendmentAudit> ReadAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        var sourcePath = Path.Combine(context.Sidecar.RunFolder(context.RunId), Orchestration.Phases.P02SourceSnapshot.SnapshotFileName);
        var bytes = await File.ReadAllBytesAsync(sourcePath, cancellationToken);
        var sha = Sha256Hex.Of(bytes).Value;
        if (!string.Equals(sha, state.SourceSha, StringComparison.Ordinal))
        {
            throw new CutterException($"the pinned source {sourcePath} hashes to {sha}, not the source_sha {state.SourceSha ?? "(none)"} state.json records");
        }
        var kbId = KbDocId.Parse(state.Document.KbId);
        var candidates = DocumentCutter.Cut(KbDocumentReader.Read(kbId, bytes, null, sourcePath), CuttingOptions.Default);
        var rows = await AmendmentRows.ReadVersionsAsync(context.VerifyConnection, kbId.Value, cancellationToken);
        var lifecycle = await AmendmentRows.ReadLifecycleAsync(context.VerifyConnection, context.RunId.Value, cancellationToken);
        return new AmendmentAudit(context.RunId.Value, candidates.DocumentCode, rows, lifecycle, candidates);
    }

    /// <summary>
    /// Where R's rows and marks differ from the writes the diff calls for: its new units (added and moved, a move
    /// succeeding its origin), its versions (version 1 of a new unit, n+1 of a changed one), the versions it superseded
    /// (each changed unit's previous one), and a lifecycle row per version it brought into force. Empty: exactly the diff.
    /// </summary>
    public IReadOnlyList<string> WriteFindings()
    {
        var findings = new List<string>();
        var newUnits = Diff.Changes.Where(change => change.Operation is AmendmentOperation.Added or AmendmentOperation.Moved).ToList();
        var changed = Diff.Changes.Where(change => change.Operation == AmendmentOperation.Changed).ToList();

        Compare(findings, "units written",
            newUnits.Select(change => change.Address + (change.Operation == AmendmentOperation.Moved ? $" succeeding {change.Before!.Address}" : "")),
            Units().Where(unit => unit.UnitRunId == RunId).Select(unit => unit.Address + (unit.SucceedsIuId is { } s ? $" succeeding {AddressOf(s)}" : "")));
        Compare(findings, "versions written",
            newUnits.Select(change => $"{change.Address} v1").Concat(changed.Select(change => $"{change.Address} v{change.Before!.VersionNo + 1}")),
            _rows.Where(row => row.VersionRunId == RunId).Select(row => $"{row.Address} v{row.VersionNo}"));
        Compare(findings, "versions superseded",
            changed.Select(change => $"{change.Before!.Address} v{change.Before.VersionNo}"),
            _rows.Where(row => row.SupersededRunId == RunId).Select(row => $"{row.Address} v{row.VersionNo}"));
        Compare(findings, "lifecycle rows bringing a version into force",
            newUnits.Select(change => $"{change.Address} draft -> enacted")
                .Concat(changed.Select(change => $"{change.Address} enacted@v{change.Before!.VersionNo} -> enacted@v{change.Before.VersionNo + 1}")),
            _lifecycle.Where(row => row.ToState != "retired").Select(row => $"{AddressOf(row.IuId)} {row.FromState} -> {row.ToState}"));
        return findings;
    }

    /// <summary>Where the enacted state now differs from the new text: per address, kind, parent, heading and content (stored, and re-hashed in C#).</summary>
    public IReadOnlyList<string> TextFindings()
    {
        var findings = new List<string>();
        Compare(findings, "enacted units",
            Candidates.Units.Select(unit => $"{unit.Address} {unit.Kind} under {unit.ParentAddress ?? "(top)"} '{unit.Heading}' {unit.ContentSha256}"),
            After.Select(unit => $"{unit.Address} {unit.Kind} under {unit.ParentAddress ?? "(top)"} '{unit.Heading}' {unit.ContentSha256}"));
        var current = new HashSet<(long, int)>(After.Select(unit => (unit.UnitId, unit.VersionNo)));
        var unhashed = _rows.Where(row => current.Contains((row.IuId, row.VersionNo)) || row.VersionRunId == RunId)
            .Where(row => Recomputed(row) != row.ContentSha256).Select(row => $"{row.Address} v{row.VersionNo}").ToList();
        if (unhashed.Count > 0) findings.Add($"{unhashed.Count} current or new version(s) whose text does not re-hash (in C#) to content_sha256: {Named(unhashed)}");
        return findings;
    }

    /// <summary>Where the units R retired differ from the removed units and the origins of moves, or lack their enacted -> retired lifecycle row.</summary>
    public IReadOnlyList<string> RetireFindings()
    {
        var findings = new List<string>();
        var expected = Diff.Changes.Where(change => change.Operation is AmendmentOperation.Removed or AmendmentOperation.Moved).Select(change => change.Before!.Address).ToList();
        Compare(findings, "units retired", expected,
            Units().Where(unit => unit.RetiredRunId == RunId && unit.LifecycleState == "retired").Select(unit => unit.Address));
        Compare(findings, "lifecycle rows retiring a unit", expected.Select(address => $"{address} enacted -> retired"),
            _lifecycle.Where(row => row.ToState == "retired").Select(row => $"{AddressOf(row.IuId)} {row.FromState} -> {row.ToState}"));
        var marked = Units().Where(unit => (unit.RetiredRunId is null) != (unit.LifecycleState != "retired")).Select(unit => unit.Address).ToList();
        if (marked.Count > 0) findings.Add($"{marked.Count} unit(s) whose state and retired_run_id disagree: {Named(marked)}");
        return findings;
    }

    /// <summary>The operation counts, for the checks' actual values: "43 unchanged, 4 changed, 2 added, 1 removed, 3 moved".</summary>
    public string Summary() => string.Join(", ", Diff.Counts().Select(pair => $"{pair.Value} {AmendmentSerializer.WireName(pair.Key)}"));

    private IEnumerable<DocumentVersionRow> Units() => _rows.GroupBy(row => row.IuId).Select(group => group.First());

    private string AddressOf(long iuId) => _addressOf.TryGetValue(iuId, out var address) ? address : $"(unit {iuId} of another document)";

    private List<EnactedUnit> EnactedState(Func<DocumentVersionRow, bool> unitIn, Func<DocumentVersionRow, bool> versionCounts)
    {
        var units = new List<EnactedUnit>();
        foreach (var unit in _rows.GroupBy(row => row.IuId))
        {
            if (!unitIn(unit.First())) continue;
            if (unit.Where(versionCounts).OrderBy(row => row.VersionNo).FirstOrDefault() is not { } version) continue;
            // A version with a heading of its own carries its own placement; one without has the unit row's (0011).
            var ownPlacement = version.VersionHeading is not null;
            var parent = ownPlacement ? version.VersionParentIuId : version.UnitParentIuId;
            units.Add(EnactedUnit.Of(version.IuId, version.Address, version.Ordinal, version.Kind, parent is { } p ? AddressOf(p) : null,
                version.VersionHeading ?? version.UnitHeading, version.VersionNo, version.ContentSha256, version.Content));
        }
        return [.. units.OrderBy(unit => unit.Ordinal).ThenBy(unit => unit.UnitId)];
    }

    private static string? Recomputed(DocumentVersionRow row) => ContentRecompute.Hex(row.ContentHashForm, Encoding.UTF8.GetBytes(row.Content));

    /// <summary>Adds a finding naming what is missing and what is extra when the two multisets differ.</summary>
    private static void Compare(List<string> findings, string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in expected) pending[item] = pending.GetValueOrDefault(item) + 1;
        var extra = new List<string>();
        foreach (var item in actual)
        {
            if (pending.GetValueOrDefault(item) > 0) pending[item]--;
            else extra.Add(item);
        }
        var missing = pending.Where(pair => pair.Value > 0).SelectMany(pair => Enumerable.Repeat(pair.Key, pair.Value)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0) return;
        findings.Add($"{what}: " + string.Join("; ", new[]
        {
            missing.Count > 0 ? $"{missing.Count} missing ({Named(missing)})" : null,
            extra.Count > 0 ? $"{extra.Count} not in the diff ({Named(extra)})" : null,
        }.Where(part => part is not null)));
    }

    private static string Named(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(NamedAtMost)) + (items.Count > NamedAtMost ? $" and {items.Count - NamedAtMost} more" : "");
}
