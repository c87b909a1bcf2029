using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// Revert mode: the target document's rows hash to exactly its pre-run snapshot (for a document that was new to the
/// store: no unit and no version is left), and no row of the run remains in any content table.
/// </summary>
internal sealed class TargetRestoredCheck : IVerificationCheck
{
    public string Name => VerificationChecks.TargetRestored;
    public string Proves => "the revert restored the target document's pre-run state and left none of the run's rows";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var target = context.State.Document.KbId;
        var before = context.State.PreRunSnapshot?.Documents.FirstOrDefault(d => d.KbId == target);
        var form = before?.ContentHash.Form ?? HashForms.Footprint;
        var now = (await DocumentSurvey.ReadAsync(context.VerifyConnection, form, cancellationToken)).FirstOrDefault(d => d.KbId == target);
        var counts = await Store.Writes.RunStore.ReadRunRowCountsAsync(context.VerifyConnection, null, context.RunId, cancellationToken);
        var emptyHash = VersionedHash.Of(form, "");
        var expected = before is null
            ? $"{target}: 0 units, 0 versions (new before the run); 0 rows of the run"
            : $"{target}: {before.Units} units, {before.Versions} versions, content {before.ContentHash}; 0 rows of the run";
        var actual = $"{target}: {now?.Units ?? 0} units, {now?.Versions ?? 0} versions, content {now?.ContentHash ?? emptyHash}; "
            + $"{counts.Units + counts.Versions + counts.LifecycleRows} rows of the run";
        var restored = before is null
            ? (now?.Units ?? 0) == 0 && (now?.Versions ?? 0) == 0
            : now is not null && now.Units == before.Units && now.Versions == before.Versions && now.ContentHash.Matches(before.ContentHash, $"{target} footprint");
        return CheckResult.Of(Name, expected, actual, restored && counts.Units + counts.Versions + counts.LifecycleRows == 0);
    }
}
