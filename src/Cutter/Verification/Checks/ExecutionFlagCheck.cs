using Cutter.Store.Writes;

namespace Cutter.Verification.Checks;

/// <summary>The kill switch <c>__execution_enabled__</c> is off for the run after it.</summary>
internal sealed class ExecutionFlagCheck : IVerificationCheck
{
    public string Name => VerificationChecks.ExecutionFlag;
    public string Proves => "no write to the governed tables is possible now that the run is over";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var enabled = await RunStore.ReadFlagAsync(context.VerifyConnection, null, context.RunId, cancellationToken);
        var actual = enabled ? $"enabled for run {context.RunId}" : "disabled";
        return CheckResult.Of(Name, "__execution_enabled__ disabled", "__execution_enabled__ " + actual, !enabled);
    }
}
