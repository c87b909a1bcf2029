using System.Globalization;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>The lifecycle log holds exactly N rows for the run, each a <c>draft -> enacted</c> transition.</summary>
internal sealed class LifecycleRowsCheck : IVerificationCheck
{
    public string Name => VerificationChecks.LifecycleRows;
    public string Proves => "every enactment left its audit row, and no row was removed or added";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var counts = await VerificationReads.ReadTargetCountsAsync(context.VerifyConnection, context.RunId.Value, context.State.Document.KbId, cancellationToken);
        var n = context.CandidateCount;
        return CheckResult.Of(Name,
            string.Create(CultureInfo.InvariantCulture, $"{n} lifecycle_log rows, all draft -> enacted"),
            string.Create(CultureInfo.InvariantCulture, $"{counts.LifecycleRows} lifecycle_log rows, {counts.Enactments} draft -> enacted"),
            n > 0 && counts.LifecycleRows == n && counts.Enactments == n);
    }
}
