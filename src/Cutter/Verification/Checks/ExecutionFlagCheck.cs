using Cutter.Store.Writes;

namespace Cutter.Verification.Checks;

/// <summary>The kill switch <c>__execution_enabled__</c> is off for the run after it.</summary>
internal sealed class ExecutionFlagCheck : IVerificationCheck
{
    // Since 0009 the flag is one row per run, kept (disabled) after the run lowers it: a run that wrote raised it, so a
    // missing row means someone deleted the record of the run's kill switch.
    private const string FlagRowsSql = "SELECT count(*) FROM cutter_governance.execution_flag WHERE run_id = @run_id";

    public string Name => VerificationChecks.ExecutionFlag;
    public string Proves => "no write to the governed tables is possible now that the run is over";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        await using (var count = new Npgsql.NpgsqlCommand(FlagRowsSql, context.VerifyConnection))
        {
            count.Parameters.AddWithValue("run_id", context.RunId.Value);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return CheckResult.Of(Name, "__execution_enabled__ disabled",
                    $"no execution_flag row for run {context.RunId} in cutter_governance.execution_flag: the record of the run's kill switch is gone", false);
            }
        }
        var enabled = await RunStore.ReadFlagAsync(context.VerifyConnection, null, context.RunId, cancellationToken);
        var actual = enabled ? $"enabled for run {context.RunId}" : "disabled";
        return CheckResult.Of(Name, "__execution_enabled__ disabled", "__execution_enabled__ " + actual, !enabled);
    }
}
