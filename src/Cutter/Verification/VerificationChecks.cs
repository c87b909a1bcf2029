using Cutter.Verification.Checks;

namespace Cutter.Verification;

/// <summary>The post-run checks, in report order. This is the one place that lists them.</summary>
internal static class VerificationChecks
{
    public const string AllPhasesPassed = "all_phases_passed_with_ledger_rows";
    public const string FinalState = "final_state_is_closeout_reported";
    public const string TargetUnitCount = "target_unit_count_equals_candidate_count";
    public const string TargetVersionCount = "target_version_count_equals_candidate_count";
    public const string LifecycleRows = "lifecycle_rows_equal_candidate_count";
    public const string ImmutabilityTriggers = "immutability_triggers_enabled";
    public const string NonTargetDocuments = "non_target_documents_unchanged";
    public const string ReviewDecisions = "exactly_two_review_decisions_bound_to_gates";
    public const string ExecutionFlag = "execution_flag_off";
    public const string GrantMatrix = "grant_matrix_sha_matches_pin";
    public const string RunsIndexAndCloseout = "runs_index_and_closeout_doc_present";
    public const string AuditChainsIntact = "audit_chains_intact";
    public const string CloseoutHeadsPresent = "closeout_chain_heads_still_in_chains";
    public const string Checkpoints = "signed_checkpoints_cover_the_run";
    public const string RunReverted = "run_reverted_under_sg3";
    public const string TargetRestored = "target_restored_to_pre_run_state";
    public const string RevertDecisions = "review_decisions_kept_and_sg3_recorded";
    public const string DecisionEvidence = "decisions_evidence_verifies";
    public const string TargetContent = "target_text_matches_approved_payload";
    public const string NoRowSecurity = "no_row_level_security_on_governed_tables";
    public const string SchemaPin = "schema_sha_matches_pin";
    public const string ReportHistory = "earlier_verification_reports_intact";
    public const string StateCrossCheck = "state_json_agrees_with_store_backup_and_closeout";
    public const string AmendmentWrites = "amendment_wrote_exactly_its_diff";
    public const string AmendedText = "enacted_text_is_the_amended_text";
    public const string RetiredUnits = "removed_units_retired_by_the_run";

    public static IReadOnlyList<IVerificationCheck> All { get; } =
    [
        new AllPhasesPassedCheck(),
        new FinalStateCheck(),
        new StateCrossCheck(),
        new TargetUnitCountCheck(),
        new TargetVersionCountCheck(),
        new TargetContentCheck(),
        new LifecycleRowsCheck(),
        new ImmutabilityTriggersCheck(),
        new NonTargetDocumentsCheck(),
        new ReviewDecisionsCheck(),
        new ExecutionFlagCheck(),
        new PostRunGrantMatrixCheck(),
        new SchemaPinCheck(),
        new NoRowSecurityCheck(),
        new RunsIndexAndCloseoutCheck(),
        new AuditChainsIntactCheck(),
        new CloseoutHeadsPresentCheck(),
        new CheckpointsCheck(),
        new DecisionEvidenceCheck(),
        new ReportHistoryCheck(),
    ];

    /// <summary>
    /// An amendment run (docs/amendments.md): the post-run gate with the three amendment checks in place of the four
    /// that count and hash an initial run's units, versions and lifecycle rows against its candidate count and payload.
    /// </summary>
    public static IReadOnlyList<IVerificationCheck> Amendment { get; } =
    [
        .. All.TakeWhile(check => !InitialRunCounts.Contains(check.Name)),
        new AmendmentWritesCheck(),
        new AmendedTextCheck(),
        new RetiredUnitsCheck(),
        .. All.SkipWhile(check => !InitialRunCounts.Contains(check.Name)).Where(check => !InitialRunCounts.Contains(check.Name)),
    ];

    /// <summary>The checks an amendment run's gate leaves out: they hold an initial run's rows to its candidate count and payload.</summary>
    private static IReadOnlySet<string> InitialRunCounts => new HashSet<string>(StringComparer.Ordinal) { TargetUnitCount, TargetVersionCount, TargetContent, LifecycleRows };

    /// <summary>Revert mode (a run whose status is reverted): what a governed revert must leave behind.</summary>
    public static IReadOnlyList<IVerificationCheck> Revert { get; } =
    [
        new RunRevertedCheck(),
        new TargetRestoredCheck(),
        new RevertDecisionsCheck(),
        new ImmutabilityTriggersCheck(),
        new NonTargetDocumentsCheck(),
        new ExecutionFlagCheck(),
        new PostRunGrantMatrixCheck(),
        new SchemaPinCheck(),
        new NoRowSecurityCheck(),
        new AuditChainsIntactCheck(),
        new DecisionEvidenceCheck(),
        new ReportHistoryCheck(),
    ];

    /// <summary>The checks that apply to a run in this state: revert mode for a reverted run, the amendment gate for an amendment run, the post-run gate otherwise.</summary>
    public static IReadOnlyList<IVerificationCheck> For(Orchestration.State.RunState state) =>
        state.Status == Orchestration.State.RunStatus.Reverted ? Revert : IsAmendment(state) ? Amendment : All;

    /// <summary>An amendment run's payload is its diff's sha (<c>sha256:amendment-v1:...</c>), an initial run's the payload's.</summary>
    public static bool IsAmendment(Orchestration.State.RunState state) => IsAmendmentPayload(state.PayloadSha);

    /// <summary>Whether <paramref name="payloadSha"/> (a run's, or a report's) is an amendment's diff sha.</summary>
    public static bool IsAmendmentPayload(string? payloadSha) =>
        payloadSha is { } payload && payload.StartsWith($"{Domain.Hashing.HashForms.AmendmentV1.Algorithm}:{Domain.Hashing.HashForms.AmendmentV1.Family}-", StringComparison.Ordinal);
}
