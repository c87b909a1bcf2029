using Npgsql;

namespace Cutter.Verification.Checks;

/// <summary>Revert mode: the run's review decisions are exactly SG_1, SG_2 and the SG_3 that authorized the revert — none deleted.</summary>
internal sealed class RevertDecisionsCheck : IVerificationCheck
{
    public string Name => VerificationChecks.RevertDecisions;
    public string Proves => "the audit rows survived the revert and the revert itself was approved under SG_3";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(string_agg(gate, ',' ORDER BY gate), '') FROM cutter_governance.review_decision WHERE run_id = @run_id", context.VerifyConnection);
        command.Parameters.AddWithValue("run_id", context.RunId.Value);
        var gates = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        const string expected = "SG_1_cut_authz,SG_2_lifecycle_authz,SG_3_escalation_authz";
        return CheckResult.Of(Name, expected, gates.Length == 0 ? "(none)" : gates, gates == expected);
    }
}
