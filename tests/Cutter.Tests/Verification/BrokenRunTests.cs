using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// The checker must be able to fail: each test breaks one thing in a private copy of a finished rehearsal run and
/// asserts that verification fails on exactly the matching check, names what moved, and passes every other check.
/// </summary>
[Collection(RehearsedRunCollection.Name)]
public sealed class BrokenRunTests(RehearsedRunFixture run)
{
    // A non-target sample document seeded by the rehearsal (ICX-CONST).
    private const string NonTargetKbId = "KB-2001";

    internal const string FirstVersionOfNonTarget = """
        SELECT v.uv_id FROM cutter_core.unit_version v
        JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id JOIN cutter_core.document d ON d.document_id = u.document_id
        WHERE d.kb_id = 'KB-2001' ORDER BY u.ordinal LIMIT 1
        """;

    [Fact]
    public async Task Unbroken_copy_passes_all_twenty_checks()
    {
        await using var copy = await run.CopyAsync();
        var report = await copy.VerifyAsync();
        Assert.True(report.Passed, RunCopy.Describe(report));
        Assert.Equal(20, report.Checks.Count);
        var treeSizeNow = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        var checkpoints = Directory.GetFiles(Path.Combine(copy.Settings.SidecarRoot, "checkpoints"), "checkpoint-*.md").Length;
        Assert.True(checkpoints >= 5, $"{checkpoints} checkpoints");
        Assert.Equal($"{checkpoints} checkpoint(s) verify and agree with the log; the newest covers tree size {treeSizeNow} of {treeSizeNow}, "
            + $"the run's last entry is {treeSizeNow}; closeout doc {copy.Sidecar.Load(copy.RunId).CloseoutKbId} signed",
            report.Check(VerificationChecks.Checkpoints).Actual);
        Assert.Equal("51 units, 51 enacted", report.Check(VerificationChecks.TargetUnitCount).Actual);
        Assert.Equal("51 unit versions", report.Check(VerificationChecks.TargetVersionCount).Actual);
        Assert.Equal("51 lifecycle_log rows, 51 draft -> enacted", report.Check(VerificationChecks.LifecycleRows).Actual);
        Assert.Equal("decisions: 2 re-verified against allowed_signers, 0 recorded before evidence was kept (0009), 0 of no Cutter run (owner-written)",
            report.Check(VerificationChecks.DecisionEvidence).Actual);
        Assert.Equal("cutter_verify", report.Database.CurrentUser);
        Assert.Matches("^[0-9]+$", report.Database.SystemIdentifier);

        // The chain check judges the same walk whose heads the report signs: the log (its tree size and root), the
        // chain-v1 prefix (empty: this store was made at 0010) and the runs index.
        var chains = report.Check(VerificationChecks.AuditChainsIntact);
        var heads = report.AuditChains!.Heads;
        Assert.Null(report.AuditChains.FirstBreak);
        Assert.Equal(string.Join("; ", heads), chains.Actual);
        var treeSize = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        Assert.Equal(
            [$"{ChainVerifier.LogChain}: {treeSize} rows", "cutter_core.lifecycle_log (chain-v1): 0 rows", "cutter_governance.review_decision (chain-v1): 0 rows",
             "cutter_governance.phase_ledger (chain-v1): 0 rows", $"{ChainVerifier.RunsIndexChain}: {File.ReadAllLines(copy.Sidecar.IndexPath).Length} rows"],
            heads.Select(h => $"{h.Chain}: {h.Rows} rows"));
        Assert.Equal(await LogRootAsync(copy), heads[0].Head);
        Assert.Equal(
            "the transparency log recomputes from its rows (sha256:log-leaf-v1, sha256:log-root-v1), its chain-v1 prefix and the runs index link (sha256:chain-v1): "
            + $"{ChainVerifier.LogChain}, cutter_core.lifecycle_log (chain-v1), cutter_governance.review_decision (chain-v1), cutter_governance.phase_ledger (chain-v1), runs-index.jsonl",
            chains.Expected);
    }

    [Theory]
    [InlineData("content = content || ' (quietly amended)'", "1 unit version(s) whose text no longer hashes to content_sha256")]
    [InlineData("content_hash_form = 'sha256:content-v9'", "1 unit version(s) in a content hash form this Cutter does not know: sha256:content-v9")]
    public async Task Non_target_version_changed_without_its_hash_fails_only_non_target_documents_unchanged(string change, string finding)
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync(WithTriggersOff("cutter_core.unit_version", ["unit_version_immutable", "unit_version_requires_flag"],
            $"UPDATE cutter_core.unit_version SET {change} WHERE uv_id = ({FirstVersionOfNonTarget})"));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.NonTargetDocuments);
        Assert.Equal($"{NonTargetKbId} (ICX-CONST): {finding}", failed.Actual);
    }

    [Fact]
    public async Task Non_target_unit_text_and_hash_changed_fails_only_non_target_documents_unchanged()
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync(WithTriggersOff("cutter_core.unit_version", ["unit_version_immutable", "unit_version_requires_flag"],
            $"""
            UPDATE cutter_core.unit_version
            SET content = content || ' (amended)', content_sha256 = encode(sha256(convert_to(content || ' (amended)', 'UTF8')), 'hex')
            WHERE uv_id = ({FirstVersionOfNonTarget})
            """));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.NonTargetDocuments);
        Assert.Contains($"{NonTargetKbId} (ICX-CONST): content sha256", failed.Actual);
    }

    /// <summary>0016's enacted-address trigger stands where a unique index stood, which nobody could disable.</summary>
    [Theory]
    [InlineData("cutter_core.lifecycle_log", "lifecycle_log_immutable")]
    [InlineData("cutter_core.information_unit", "information_unit_unique_enacted_address_update")]
    public async Task Disabled_immutability_trigger_fails_immutability_triggers_enabled_and_the_schema_pin(string table, string trigger)
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync($"ALTER TABLE {table} DISABLE TRIGGER {trigger}");

        // The schema pin covers each trigger's enabled state too, and names the trigger.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.ImmutabilityTriggers, VerificationChecks.SchemaPin);
        Assert.Contains($"+ trigger|{table}|{trigger}|enabled=D|", (await copy.VerifyAsync()).Check(VerificationChecks.SchemaPin).Actual);
        Assert.Equal($"{trigger} on {table}: tgenabled = 'D'", failed.Actual);
    }

    [Fact]
    public async Task Execution_flag_left_on_fails_only_execution_flag_off()
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync("UPDATE cutter_governance.execution_flag SET enabled = true WHERE run_id = @run_id", ("run_id", copy.RunId.Value));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.ExecutionFlag);
        Assert.Equal($"__execution_enabled__ enabled for run {copy.RunId}", failed.Actual);
    }

    [Fact]
    public async Task Lifecycle_row_deleted_by_the_owner_fails_only_lifecycle_rows_equal_candidate_count()
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync(WithTriggersOff("cutter_core.lifecycle_log", ["lifecycle_log_immutable", "lifecycle_log_requires_flag"],
            "DELETE FROM cutter_core.lifecycle_log WHERE log_id = (SELECT min(log_id) FROM cutter_core.lifecycle_log WHERE run_id = @run_id)"),
            ("run_id", copy.RunId.Value));

        // A deleted row is also a chain break at the row after it.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.LifecycleRows, VerificationChecks.AuditChainsIntact);
        Assert.Equal("50 lifecycle_log rows, 50 draft -> enacted", failed.Actual);
    }

    [Fact]
    public async Task Third_review_decision_fails_exactly_two_review_decisions_and_its_missing_evidence()
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync("""
            INSERT INTO cutter_governance.review_decision
                (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at)
            VALUES (@id, @run_id, 'SG_2_lifecycle_authz', 'KB-9999', @sha, NULL, 'someone@else', now(), now())
            """, ("id", Guid.NewGuid()), ("run_id", copy.RunId.Value), ("sha", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));

        // The owner wrote it with no signed approval: the evidence check names it as unsigned too.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.ReviewDecisions, VerificationChecks.DecisionEvidence, VerificationChecks.Checkpoints);
        Assert.EndsWith("(SG_2_lifecycle_authz) of run " + copy.RunId + ": no signed approval stored (unsigned)", (await copy.VerifyAsync()).Check(VerificationChecks.DecisionEvidence).Actual, StringComparison.Ordinal);
        Assert.Contains("3 decisions for the run", failed.Actual);
        Assert.Contains("2 decisions for SG_2_lifecycle_authz", failed.Actual);
        Assert.Contains("3 more than before the run", failed.Actual);
    }

    [Fact]
    public async Task Altered_grant_fails_grant_matrix_and_schema_pins()
    {
        await using var copy = await run.CopyAsync();
        await copy.AsOwnerAsync("GRANT UPDATE (title) ON cutter_core.document TO cutter_exec");

        // The schema pin covers grants to every role, the lanes included.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.GrantMatrix, VerificationChecks.SchemaPin);
        Assert.Equal(copy.Settings.ExpectedGrantMatrixSha, failed.Expected);
        Assert.NotEqual(failed.Expected, failed.Actual);
    }

    [Fact]
    public async Task State_claiming_a_phase_the_ledger_lacks_fails_only_all_phases_passed()
    {
        await using var copy = await run.CopyAsync();
        // The ledger loses phase 9's row (owner, guard off and back on); state.json still claims phase 9 passed.
        await copy.AsOwnerAsync(WithTriggersOff("cutter_governance.phase_ledger", ["phase_ledger_immutable"],
            "DELETE FROM cutter_governance.phase_ledger WHERE run_id = @run_id AND phase_no = 9"), ("run_id", copy.RunId.Value));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.AllPhasesPassed, VerificationChecks.AuditChainsIntact);
        Assert.Equal("phase 9 draft_verify: no phase_ledger row", failed.Actual);
    }

    [Fact]
    public async Task State_edited_to_a_stopped_phase_fails_all_phases_passed_and_the_state_cross_check()
    {
        await using var copy = await run.CopyAsync();
        copy.EditState(state => state["phases"]![6]!["result"] = "stopped");

        // The closeout summary sha covers each phase's result, so the state cross-check sees the edit too.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.AllPhasesPassed, VerificationChecks.StateCrossCheck);
        Assert.Equal("phase 7 write_units: state.json says stopped", failed.Actual);
    }

    [Fact]
    public async Task State_edited_final_state_fails_only_final_state_is_closeout_reported()
    {
        await using var copy = await run.CopyAsync();
        copy.EditState(state => state["final_state"] = "stopped");

        var failed = await FailsOnlyAsync(copy, VerificationChecks.FinalState);
        Assert.Equal("state.json final_state stopped; run table state closeout_reported", failed.Actual);
    }

    [Fact]
    public async Task Runs_index_without_the_finished_entry_fails_only_runs_index_and_closeout()
    {
        await using var copy = await run.CopyAsync();
        var index = Path.Combine(copy.Settings.SidecarRoot, SidecarStore.RunsIndexFileName);
        File.WriteAllLines(index, File.ReadAllLines(index).Where(l => !l.Contains("\"event\":\"finished\"", StringComparison.Ordinal)));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.RunsIndexAndCloseout);
        Assert.StartsWith("runs index has 0 finished entries", failed.Actual);
    }

    [Fact]
    public async Task Old_lifecycle_row_altered_by_the_owner_fails_only_audit_chains_intact()
    {
        await using var copy = await run.CopyAsync();
        // The log's first lifecycle row, written by the sample registry's seed before the run; its time moves, every count holds.
        var logId = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT min(log_id) FROM cutter_core.lifecycle_log");
        var entry = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, $"SELECT entry_seq FROM cutter_core.lifecycle_log WHERE log_id = {logId}");
        var leaf = await Sql.ScalarAsync<string>(copy.OwnerConnectionString, $"SELECT leaf_hash FROM cutter_governance.log_entry WHERE entry_seq = {entry}");
        await copy.AsOwnerAsync(WithTriggersOff("cutter_core.lifecycle_log", ["lifecycle_log_immutable", "lifecycle_log_requires_flag"],
            $"UPDATE cutter_core.lifecycle_log SET at = at - interval '1 day' WHERE log_id = {logId}"));

        var failed = await FailsOnlyAsync(copy, VerificationChecks.AuditChainsIntact);
        Assert.StartsWith($"first break: {LogFindings.RowAltered}: entry {entry} (", failed.Actual, StringComparison.Ordinal);
        Assert.Contains($"the entry's rows no longer hash to its leaf: a row was edited; expected {leaf}, found sha256:log-leaf-v1:", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_lifecycle_row_altered_and_the_log_relinked_fails_closeout_chain_heads_and_the_signed_checkpoints()
    {
        await using var copy = await run.CopyAsync();
        var closeoutRoot = await LogRootAsync(copy);
        var size = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        // The owner who knows the canonical form rewrites an old row, recomputes its entry's leaf and every root after
        // it: the log now verifies on its own, and only the roots the closeout doc and the signed checkpoints recorded give the rewrite away.
        await copy.AsOwnerAsync(RelinkAfterEditSql);

        var failed = await FailsOnlyAsync(copy, VerificationChecks.CloseoutHeadsPresent, VerificationChecks.Checkpoints);
        Assert.Equal($"{ChainVerifier.LogChain}: head {closeoutRoot} ({size} rows at closeout) is no longer in the chain", failed.Actual);
        // Every checkpoint signed after the rewritten row's entry names the rewrite against its own root.
        var checkpoints = (await copy.VerifyAsync()).Check(VerificationChecks.Checkpoints).Actual;
        Assert.StartsWith($"{LogFindings.CheckpointInconsistent}: ", checkpoints, StringComparison.Ordinal);
        Assert.Contains($"the log recomputed to this tree size does not end in the signed root: history before it was rewritten; expected {closeoutRoot}, found sha256:log-root-v1:",
            checkpoints, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_edited_in_the_sidecar_fails_only_signed_checkpoints_cover_the_run()
    {
        await using var copy = await run.CopyAsync();
        var newest = Directory.GetFiles(Path.Combine(copy.Settings.SidecarRoot, "checkpoints"), "checkpoint-*.md").Order(StringComparer.Ordinal).Last();
        await File.WriteAllTextAsync(newest, (await File.ReadAllTextAsync(newest)).Replace("event: closeout", "event: phase-11", StringComparison.Ordinal));

        // The edited copy no longer verifies, and the KB's copy of it is now alone; no other valid checkpoint covers the closeout's entries.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.Checkpoints);
        Assert.StartsWith($"{LogFindings.CheckpointSignature}: {newest}: its signature does not verify: ", failed.Actual, StringComparison.Ordinal);
        Assert.Contains($"{LogFindings.CheckpointCopiesDiffer}: {newest}: the KB holds no copy of this checkpoint", failed.Actual, StringComparison.Ordinal);
    }

    /// <summary>Moves the first lifecycle row's time, then recomputes its entry's leaf and every root from there, as the owner with the guards off.</summary>
    internal const string RelinkAfterEditSql = """
        ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
        ALTER TABLE cutter_governance.log_entry DISABLE TRIGGER USER;
        UPDATE cutter_core.lifecycle_log SET at = at - interval '1 day' WHERE log_id = (SELECT min(log_id) FROM cutter_core.lifecycle_log);
        UPDATE cutter_governance.log_entry e SET leaf_hash = cutter_governance.log_leaf(e.table_name, e.entry_seq, e.row_count,
            (SELECT string_agg(cutter_governance.log_lifecycle_text(l.log_id, l.iu_id, l.from_state, l.to_state, l.run_id, l.review_decision_id, l.at) || E'\n', '' ORDER BY l.log_id)
             FROM cutter_core.lifecycle_log l WHERE l.entry_seq = e.entry_seq))
        WHERE e.entry_seq = (SELECT entry_seq FROM cutter_core.lifecycle_log ORDER BY log_id LIMIT 1);
        DO $$
        DECLARE r record; prev text := NULL;
        BEGIN
            FOR r IN SELECT entry_seq, tree_size, leaf_hash FROM cutter_governance.log_entry ORDER BY tree_size LOOP
                prev := cutter_governance.log_root(prev, r.tree_size, r.leaf_hash);
                UPDATE cutter_governance.log_entry SET root_hash = prev WHERE entry_seq = r.entry_seq;
            END LOOP;
        END $$;
        ALTER TABLE cutter_governance.log_entry ENABLE TRIGGER USER;
        ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER;
        """;

    [Fact]
    public async Task Review_decision_deleted_by_the_owner_fails_audit_chains_intact_naming_the_entry()
    {
        await using var copy = await run.CopyAsync();
        var (sg1, entry) = await Sg1AndEntryAsync(copy);
        await copy.AsOwnerAsync(WithTriggersOff("cutter_governance.review_decision", ["review_decision_immutable"],
            $"DELETE FROM cutter_governance.review_decision WHERE review_decision_id = '{sg1}'"));

        // The run lost its SG_1 decision, so the decision check fails too, and the target's text is no longer bound to
        // an SG_1 payload; the log names the entry that lost it.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.AuditChainsIntact, VerificationChecks.ReviewDecisions, VerificationChecks.TargetContent, VerificationChecks.StateCrossCheck);
        Assert.EndsWith("0 SG_1 decision(s) with a payload sha for the run", (await copy.VerifyAsync()).Check(VerificationChecks.TargetContent).Actual);
        Assert.StartsWith($"first break: {LogFindings.RowsDeleted}: entry {entry} (", failed.Actual, StringComparison.Ordinal);
        Assert.Contains("1 rows listed, 0 found: rows were deleted outside a governed revert", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_decision_deleted_and_put_back_through_the_insert_path_fails_only_audit_chains_intact()
    {
        await using var copy = await run.CopyAsync();
        var (sg1, entry) = await Sg1AndEntryAsync(copy);
        // Deleted and inserted again with the same values, its signed evidence included: every count, id and signature
        // holds; the row now sits in a new entry and the entry it was logged in lost it.
        await copy.AsOwnerAsync(WithTriggersOff("cutter_governance.review_decision", ["review_decision_immutable"], $"""
            CREATE TEMP TABLE moved AS SELECT * FROM cutter_governance.review_decision WHERE review_decision_id = '{sg1}';
            DELETE FROM cutter_governance.review_decision WHERE review_decision_id = '{sg1}';
            INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at,
                approval_bytes, signature, state_sha)
            SELECT review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at,
                approval_bytes, signature, state_sha FROM moved
            """));

        // The put-back row is a new entry of the run that no signed checkpoint covers.
        var failed = await FailsOnlyAsync(copy, VerificationChecks.AuditChainsIntact, VerificationChecks.Checkpoints);
        Assert.StartsWith($"first break: {LogFindings.RowsDeleted}: entry {entry} (", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_index_lines_swapped_fail_only_audit_chains_intact()
    {
        await using var copy = await run.CopyAsync();
        var lines = File.ReadAllLines(copy.Sidecar.IndexPath);
        Assert.True(lines.Length >= 3, $"the rehearsal wrote {lines.Length} index lines");
        (lines[1], lines[2]) = (lines[2], lines[1]);
        File.WriteAllLines(copy.Sidecar.IndexPath, lines);

        var failed = await FailsOnlyAsync(copy, VerificationChecks.AuditChainsIntact);
        Assert.Equal(
            LinkBroken(ChainVerifier.RunsIndexChain, $"line 2 ({IndexField(lines[1], "event")} {IndexField(lines[1], "run_id")})",
                IndexField(lines[0], "row_hash")!, IndexField(lines[1], "prev_hash")!),
            failed.Actual);
    }

    [Fact]
    public async Task A_connection_that_can_write_is_refused()
    {
        await using var copy = await run.CopyAsync();
        var sidecar = copy.Sidecar;
        var error = await Assert.ThrowsAsync<ReadOnlyLaneRequiredException>(() => RunVerifier.VerifyAsync(
            sidecar.Load(copy.RunId), copy.ExecConnectionString, copy.Settings.ExpectedGrantMatrixSha,
            new Cutter.Knowledge.FolderKnowledgeBase(copy.Settings.KbRoot), sidecar, TimeProvider.System));
        Assert.Equal("cutter_exec", error.User);
    }

    /// <summary>Verifies the copy, asserts that exactly these checks fail, and returns the first one named.</summary>
    internal static async Task<CheckResult> FailsOnlyAsync(RunCopy copy, string checkName, params string[] alsoFailing)
    {
        var report = await copy.VerifyAsync();
        Assert.False(report.Passed);
        string[] expected = [checkName, .. alsoFailing];
        Assert.True(report.Failures.Select(f => f.Name).Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)),
            $"expected only {string.Join(", ", expected)} to fail:\n{RunCopy.Describe(report)}");
        return report.Check(checkName);
    }

    private static Task<string> LogRootAsync(RunCopy copy) =>
        Sql.ScalarAsync<string>(copy.OwnerConnectionString, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");

    /// <summary>The run's SG_1 decision id and the log entry it was written in.</summary>
    private static async Task<(string Sg1, long Entry)> Sg1AndEntryAsync(RunCopy copy)
    {
        const string Sg1 = "FROM cutter_governance.review_decision WHERE run_id = @run_id AND gate = 'SG_1_cut_authz'";
        var run = ("run_id", (object)copy.RunId.Value);
        return (await Sql.ScalarAsync<string>(copy.OwnerConnectionString, $"SELECT review_decision_id::text {Sg1}", run),
            await Sql.ScalarAsync<long>(copy.OwnerConnectionString, $"SELECT entry_seq {Sg1}", run));
    }

    private static string LinkBroken(string chain, string rowKey, string expectedPrevHash, string foundPrevHash) =>
        $"first break: {chain}: {rowKey}: prev_hash does not link to the previous row: a row was removed, inserted or reordered; expected {expectedPrevHash}, found {foundPrevHash}";

    private static string? IndexField(string line, string field) =>
        System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty(field).GetString();

    /// <summary>
    /// The owner's way around the guards: disable the named triggers, run the statement, enable them again. A content
    /// table's <c>*_requires_flag</c> comes with its per-run flag guards of 0009 (<c>*_flag_insert/update/delete</c>).
    /// </summary>
    internal static string WithTriggersOff(string table, string[] triggers, string statement)
    {
        var all = triggers.SelectMany(t => t.EndsWith("_requires_flag", StringComparison.Ordinal)
            ? [t, .. new[] { "insert", "update", "delete" }.Select(op => $"{t[..^"requires_flag".Length]}flag_{op}")]
            : new[] { t }).ToArray();
        return string.Concat(all.Select(t => $"ALTER TABLE {table} DISABLE TRIGGER {t};\n"))
            + statement + ";\n"
            + string.Concat(all.Select(t => $"ALTER TABLE {table} ENABLE TRIGGER {t};\n"));
    }
}
