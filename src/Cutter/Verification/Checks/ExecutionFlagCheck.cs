using Cutter.Store.Writes;

namespace Cutter.Verification.Checks;

/// <summary>The kill switch <c>__execution_enabled__</c> is off after the run.</summary>
internal sealed class ExecutionFlagCheck : IVerificationCheck
{
    private const string FlagRowsSql = "SELECT count(*) FROM cutter_governance.execution_flag WHERE flag_name = '__execution_enabled__'";

    public string Name => VerificationChecks.ExecutionFlag;
    public string Proves => "no write to the governed tables is possible now that the run is over";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        await using (var count = new Npgsql.NpgsqlCommand(FlagRowsSql, context.VerifyConnection))
        {
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return CheckResult.Of(Name, "__execution_enabled__ disabled", "no __execution_enabled__ row in cutter_governance.execution_flag: the kill switch is gone", false);
            }
        }
        var (enabled, holder) = await RunStore.ReadFlagAsync(context.VerifyConnection, null, cancellationToken);
        var actual = enabled ? $"enabled (held by run {holder?.ToString() ?? "none"})" : "disabled";
        return CheckResult.Of(Name, "__execution_enabled__ disabled", "__execution_enabled__ " + actual, !enabled);
    }
}
