using System.Globalization;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>The target document holds exactly <c>candidate_count</c> unit versions from this run.</summary>
internal sealed class TargetVersionCountCheck : IVerificationCheck
{
    public string Name => VerificationChecks.TargetVersionCount;
    public string Proves => "every planned unit version was written, one per unit";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var counts = await VerificationReads.ReadTargetCountsAsync(context.VerifyConnection, context.RunId.Value, context.State.Document.KbId, cancellationToken);
        var n = context.CandidateCount;
        return CheckResult.Of(Name,
            string.Create(CultureInfo.InvariantCulture, $"{n} unit versions of {context.State.Document.KbId}"),
            string.Create(CultureInfo.InvariantCulture, $"{counts.Versions} unit versions"),
            n > 0 && counts.Versions == n);
    }
}
