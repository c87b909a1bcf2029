using Cutter.Governance.Signatures;
using Xunit;

namespace Cutter.Verification.Gate;

/// <summary>
/// `dotnet test verification`: the post-run gate. One fact per check, named for what must hold, so a failing line in the
/// test output says what is wrong; the message carries the check's expected and actual values. The checks themselves
/// live in the library (Cutter.Verification) and are the same code `cutter verify` runs.
/// </summary>
[Collection(VerifiedRunCollection.Name)]
public sealed class PostRunGate(VerifiedRunFixture run)
{
    [Fact] public void All_11_phases_passed_and_each_has_a_ledger_row() => Holds(VerificationChecks.AllPhasesPassed);
    [Fact] public void Final_state_is_closeout_reported() => Holds(VerificationChecks.FinalState);
    [Fact] public void Target_unit_count_equals_candidate_count() => Holds(VerificationChecks.TargetUnitCount);
    [Fact] public void Target_version_count_equals_candidate_count() => Holds(VerificationChecks.TargetVersionCount);
    [Fact] public void Lifecycle_log_rows_equal_candidate_count() => Holds(VerificationChecks.LifecycleRows);
    [Fact] public void Every_immutability_trigger_is_present_and_enabled() => Holds(VerificationChecks.ImmutabilityTriggers);
    [Fact] public void Every_non_target_document_is_unchanged() => Holds(VerificationChecks.NonTargetDocuments);
    [Fact] public void Exactly_two_new_review_decisions_bound_to_SG_1_and_SG_2() => Holds(VerificationChecks.ReviewDecisions);
    [Fact] public void Execution_flag_is_off() => Holds(VerificationChecks.ExecutionFlag);
    [Fact] public void Grant_matrix_sha_equals_the_pin() => Holds(VerificationChecks.GrantMatrix);
    [Fact] public void Runs_index_and_closeout_doc_are_present() => Holds(VerificationChecks.RunsIndexAndCloseout);
    [Fact] public void Every_audit_chain_links_and_recomputes() => Holds(VerificationChecks.AuditChainsIntact);
    [Fact] public void Every_chain_head_the_closeout_recorded_is_still_in_its_chain() => Holds(VerificationChecks.CloseoutHeadsPresent);
    [Fact] public void Every_signed_checkpoint_agrees_with_the_log_and_covers_the_run() => Holds(VerificationChecks.Checkpoints);
    [Fact] public void Every_decision_of_the_run_re_verifies_from_its_stored_signed_evidence() => Holds(VerificationChecks.DecisionEvidence);
    [Fact] public void State_json_agrees_with_the_store_the_backup_and_the_closeout_doc() => Holds(VerificationChecks.StateCrossCheck);
    [Fact] public void Target_text_is_the_text_SG_1_approved() => Holds(VerificationChecks.TargetContent);
    [Fact] public void Schema_sha_equals_the_pin() => Holds(VerificationChecks.SchemaPin);
    [Fact] public void No_row_level_security_on_a_governed_table() => Holds(VerificationChecks.NoRowSecurity);
    [Fact] public void Earlier_verification_reports_are_intact() => Holds(VerificationChecks.ReportHistory);
    [Fact] public void An_amendment_wrote_exactly_its_diff() => Holds(VerificationChecks.AmendmentWrites);
    [Fact] public void An_amendment_left_the_amended_text_enacted() => Holds(VerificationChecks.AmendedText);
    [Fact] public void An_amendment_retired_exactly_its_removed_units() => Holds(VerificationChecks.RetiredUnits);

    [Fact]
    public void Every_library_check_has_a_fact_here()
    {
        // Every fact but this one and the signature fact gates one check.
        var covered = typeof(PostRunGate).GetMethods().Count(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0) - 2;
        Assert.Equal(VerificationChecks.All.Concat(VerificationChecks.Amendment).Select(c => c.Name).Distinct().Count(), covered);
        Assert.Equal(Gate.Select(c => c.Name).Order(StringComparer.Ordinal), run.Outcome.Report.Checks.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Report_is_signed_by_an_allowed_verifier_for_cutter_report()
    {
        var report = File.ReadAllBytes(run.Outcome.Artifacts.ReportPath);
        var signature = File.ReadAllText(run.Outcome.Artifacts.SignaturePath);
        var signer = SshSignatureVerifier.Verify(report, signature, VerificationReport.SignatureNamespace, AllowedSigners.Load(run.Settings.AllowedSignersFile));
        Assert.NotNull(signer);
    }

    /// <summary>The run's gate: an amendment run's (its payload is the diff's sha) or an initial run's.</summary>
    private IReadOnlyList<IVerificationCheck> Gate =>
        VerificationChecks.IsAmendmentPayload(run.Outcome.Report.Document.PayloadSha) ? VerificationChecks.Amendment : VerificationChecks.All;

    private void Holds(string checkName)
    {
        // A check outside this run's gate does not apply to it (an amendment run's gate replaces the initial-run counts).
        if (Gate.All(c => c.Name != checkName)) return;
        var check = run.Outcome.Report.Check(checkName);
        Assert.True(check.Passed, $"{check.Name} FAILED for run {run.Outcome.Report.RunId}\n  expected: {check.Expected}\n  actual:   {check.Actual}\n  report:   {run.Outcome.Artifacts.ReportPath}");
    }
}
