using System.Globalization;
using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Re-surveys the store through the verify lane and compares each pinned document's live unit count with
/// <c>orchestrator.pinned_counts</c>. A pinned document that moved or vanished fails the check with
/// <see cref="StopCodes.Drift"/>; the per-document differences are the result's <see cref="PrecheckResult.Evidence"/>
/// (a <see cref="DriftComparison"/>). Documents nobody pinned are listed, not failed.
/// </summary>
internal sealed class DriftCheck : IPrecheck
{
    public const string CheckName = "drift";

    public string Name => CheckName;

    /// <summary>The comparison alone, for callers (phase 4) that act on the data rather than the result line.</summary>
    public static async Task<DriftComparison> SurveyAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        await using var connection = await context.OpenVerifyConnection(cancellationToken);
        var live = await DocumentSurvey.ReadAsync(connection, cancellationToken);
        return DriftComparison.Compare(context.Settings.PinnedCounts, live);
    }

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        if (context.Settings.PinnedCounts.Count == 0)
        {
            return PrecheckResult.Fail(Name, "orchestrator.pinned_counts is empty");
        }
        var comparison = await SurveyAsync(context, cancellationToken);
        var unpinned = comparison.Unpinned.Count == 0 ? "" : $"; unpinned: {string.Join(", ", comparison.Unpinned)}";
        var result = comparison.HasDrift
            ? PrecheckResult.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"{comparison.Drifted.Count} pinned document(s) drifted: {string.Join("; ", comparison.Drifted)}{unpinned}")) with
            {
                StopCode = StopCodes.Drift,
            }
            : PrecheckResult.Pass(Name, string.Create(CultureInfo.InvariantCulture, $"{comparison.Matching.Count} pinned document(s) match their counts{unpinned}"));
        return result with { Details = comparison.Drifted.Select(d => d.ToString()).ToArray(), Evidence = comparison };
    }
}
