using Cutter.Domain.Hashing;
using System.Globalization;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// Every document other than the target is exactly as phase 4 surveyed it: unit, version and enacted counts and the
/// content hash (which covers each unit's address, ordinal, kind, state and version hashes). The stored text of every
/// non-target version is also re-hashed, so a text edited without its content_sha256 is caught too. Both are computed
/// in C# over the rows <see cref="Store.Scan.StoreScanReader"/> read once, never by a function the store's owner can replace.
/// Documents written by runs that overlapped this one in time are theirs to verify: they are excluded and named with
/// those runs' ids (docs/concurrency.md), so runs of different documents at once each verify clean.
/// </summary>
internal sealed class NonTargetDocumentsCheck : IVerificationCheck
{
    public string Name => VerificationChecks.NonTargetDocuments;
    public string Proves => "the run touched no document but its target (counts and content hashes against the pre-run snapshot)";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var target = context.State.Document.KbId;
        if (context.State.PreRunSnapshot is not { } snapshot)
        {
            return CheckResult.Of(Name, "a pre-run snapshot in state.json to compare against", "state.json has no pre_run_snapshot", false);
        }
        var overlapping = await OverlappingRuns.ReadAsync(context.VerifyConnection, context.RunId.Value, snapshot.TakenUtc, cancellationToken);
        var excluded = overlapping.Where(r => r.DocumentKbId != target).GroupBy(r => r.DocumentKbId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.RunId.ToString("D"))), StringComparer.Ordinal);
        bool Compared(string kbId) => kbId != target && !excluded.ContainsKey(kbId);
        var before = snapshot.Documents.Where(d => Compared(d.KbId)).ToDictionary(d => d.KbId, StringComparer.Ordinal);
        // Read in the snapshot's own form: a snapshot recorded by an older Cutter is checked as it was made.
        var form = DocumentSurvey.FormOf(before.Values.Select(d => d.ContentHash), "pre-run snapshot");
        // Recomputed in C# from the rows read once (RunVerifier's scan): no function in the store is trusted for it.
        var scan = context.RequireScan();
        var now = scan.Footprints(form).Where(d => Compared(d.KbId)).ToDictionary(d => d.KbId, StringComparer.Ordinal);
        var rehash = scan.Rehash();

        var moved = new List<string>();
        foreach (var (kbId, pinned) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!now.TryGetValue(kbId, out var live))
            {
                moved.Add($"{kbId} ({pinned.Code}): gone from the store");
                continue;
            }
            var differences = new List<string>();
            if (live.Units != pinned.Units) differences.Add(Changed("units", pinned.Units, live.Units));
            if (live.Versions != pinned.Versions) differences.Add(Changed("versions", pinned.Versions, live.Versions));
            if (live.EnactedUnits != pinned.EnactedUnits) differences.Add(Changed("enacted", pinned.EnactedUnits, live.EnactedUnits));
            if (!live.ContentHash.Matches(pinned.ContentHash, $"{kbId} footprint")) differences.Add($"content {form} {Short(pinned.ContentHash.Hex)} -> {Short(live.ContentHash.Hex)}");
            if (rehash.GetValueOrDefault(kbId) is { Mismatches: > 0 and var bad })
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{bad} unit version(s) whose text no longer hashes to content_sha256"));
            }
            if (rehash.GetValueOrDefault(kbId) is { UnknownForms: { Versions: > 0 } unknown }) differences.Add(unknown.Describe());
            if (differences.Count > 0) moved.Add($"{kbId} ({pinned.Code}): {string.Join(", ", differences)}");
        }
        foreach (var appeared in now.Keys.Where(k => !before.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            moved.Add($"{appeared} ({now[appeared].Code}): appeared during the run");
        }

        var exclusions = excluded.Count == 0 ? ""
            : "; excluded as written by overlapping runs: " + string.Join(", ", excluded.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} (run {e.Value})"));
        var expected = string.Create(CultureInfo.InvariantCulture, $"{before.Count} non-target documents as snapshotted at {snapshot.TakenUtc:u}: {string.Join(", ", before.Keys.Order(StringComparer.Ordinal))}{exclusions}");
        var actual = moved.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{now.Count} non-target documents, counts and content hashes unchanged ({form}){exclusions}")
            : string.Join("; ", moved) + exclusions;
        return CheckResult.Of(Name, expected, actual, moved.Count == 0);
    }

    private static string Changed(string what, long before, long after) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {before} -> {after}");

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
