using Cutter.Orchestration.State;
using Cutter.Store.Writes;

namespace Cutter.Verification.Checks;

/// <summary>Revert mode: state.json and the run table both say the run was reverted under SG_3.</summary>
internal sealed class RunRevertedCheck : IVerificationCheck
{
    public string Name => VerificationChecks.RunReverted;
    public string Proves => "the run ended by a governed revert, recorded in both state.json and the store";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT state FROM cutter_governance.run WHERE run_id = @run_id", context.VerifyConnection);
        command.Parameters.AddWithValue("run_id", context.RunId.Value);
        var stored = await command.ExecuteScalarAsync(cancellationToken) as string ?? "(no run row)";
        var actual = $"state.json {context.State.Status.WireName()}; run table {stored}";
        return CheckResult.Of(Name, "state.json reverted; run table reverted", actual, context.State.Status == RunStatus.Reverted && stored == RunStatus.Reverted.WireName());
    }
}
