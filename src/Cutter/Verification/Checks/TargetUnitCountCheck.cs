using System.Globalization;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>The target document holds exactly <c>candidate_count</c> information units from this run, all enacted.</summary>
internal sealed class TargetUnitCountCheck : IVerificationCheck
{
    public string Name => VerificationChecks.TargetUnitCount;
    public string Proves => "every planned information unit was written and enacted, and nothing more";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var counts = await VerificationReads.ReadTargetCountsAsync(context.VerifyConnection, context.RunId.Value, context.State.Document.KbId, cancellationToken);
        var n = context.CandidateCount;
        return CheckResult.Of(Name,
            string.Create(CultureInfo.InvariantCulture, $"{n} units of {context.State.Document.KbId}, {n} enacted"),
            string.Create(CultureInfo.InvariantCulture, $"{counts.Units} units, {counts.Enacted} enacted"),
            n > 0 && counts.Units == n && counts.Enacted == n);
    }
}
