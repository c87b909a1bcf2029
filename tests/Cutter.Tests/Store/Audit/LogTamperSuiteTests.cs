using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.Audit;
using Cutter.Rehearsal;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Cutter.Tests.Verification;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>
/// The auditor's view of the log (docs/audit.md): a private copy of a store holding three finished runs (two of them
/// reverted under SG_3, <see cref="FinishedRunsFixture"/>) is handed to a NOSUPERUSER role that owns the governed
/// schemas, and each way that owner (free to disable user triggers) or someone with file access to the sidecar and KB
/// hides a change of the log is named by <c>cutter audit verify</c>'s finding and by <c>cutter verify</c>'s check;
/// the clean store passes both. The content, schema, report and state.json classes are in <see cref="TamperTests"/>.
/// </summary>
[Collection(FinishedRunsCollection.Name)]
public sealed class LogTamperSuiteTests(FinishedRunsFixture runs)
{
    [Fact]
    public async Task Clean_store_of_three_finished_runs_passes_audit_verify_and_the_checkpoint_check()
    {
        await using var copy = await OwnedCopyAsync();

        var audit = await copy.AuditAsync();
        Assert.True(audit.Verified, string.Join("\n", audit.Findings));
        // Three runs' entries, and the two governed reverts' redactions, are in the log the checkpoints cover.
        Assert.Equal(FinishedRunsFixture.Runs, await Sql.ScalarAsync<long>(copy.OwnerConnectionString,
            "SELECT count(DISTINCT run_id) FROM cutter_governance.log_entry WHERE table_name = 'cutter_governance.run'"));
        Assert.Equal(FinishedRunsFixture.Runs - 1, await Sql.ScalarAsync<long>(copy.OwnerConnectionString,
            "SELECT count(*) FROM cutter_governance.log_entry WHERE table_name = 'cutter_governance.log_redaction'"));
        var report = await copy.VerifyAsync();
        Assert.True(report.Passed, RunCopy.Describe(report));
        Assert.Matches("^[0-9]+ checkpoint\\(s\\) verify and agree with the log; the newest covers tree size ([0-9]+) of \\1, the run's last entry is \\1; closeout doc KB-[0-9]+ signed$",
            report.Check(VerificationChecks.Checkpoints).Actual);
    }

    [Fact]
    public async Task A_relink_after_an_edit_with_the_closeout_doc_edited_to_match_is_named_by_the_checkpoints_and_the_closeout_signature()
    {
        await using var copy = await OwnedCopyAsync(ownKb: true);
        var oldRoot = await HeadRootAsync(copy);

        await copy.AsSchemaOwnerAsync(BrokenRunTests.RelinkAfterEditSql);
        var newRoot = await HeadRootAsync(copy);
        var closeoutId = copy.Sidecar.Load(copy.RunId).CloseoutKbId!;
        var closeout = Path.Combine(copy.Settings.KbRoot, closeoutId + ".md");
        Assert.Contains(oldRoot, await File.ReadAllTextAsync(closeout));
        await File.WriteAllTextAsync(closeout, (await File.ReadAllTextAsync(closeout)).Replace(oldRoot, newRoot, StringComparison.Ordinal));

        var audit = await copy.AuditAsync();
        Assert.NotEqual(oldRoot, newRoot);
        Assert.Equal([LogFindings.CheckpointInconsistent, LogFindings.CloseoutSignature], Names(audit));
        Assert.Contains(audit.Findings, f => f.Name == LogFindings.CheckpointInconsistent && f.Expected == oldRoot && f.Found == newRoot);
        Assert.Contains(audit.Findings, f => f.Name == LogFindings.CloseoutSignature && f.Where == $"closeout doc {closeoutId} (run {copy.RunId})");

        // The closeout doc now names the re-linked root, so the closeout-heads check is satisfied; the signatures are not.
        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.Checkpoints);
        Assert.Contains($"{LogFindings.CheckpointInconsistent}: ", failed.Actual, StringComparison.Ordinal);
        Assert.Contains($"expected {oldRoot}, found {newRoot}", failed.Actual, StringComparison.Ordinal);
        Assert.Matches($"; {LogFindings.CloseoutSignature}: closeout doc {closeoutId}: its signature does not verify: the signature by key SHA256:[^ ]+ does not match the signed bytes$",
            failed.Actual);
    }

    [Fact]
    public async Task Rows_appended_after_closeout_through_the_normal_insert_path_are_an_uncovered_tail()
    {
        await using var copy = await OwnedCopyAsync();
        var size = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        await copy.AsSchemaOwnerAsync(AppendToRunSql, ("run_id", copy.RunId.Value));

        // Every leaf and root recomputes (the rows went through the log's triggers): only the signed checkpoints tell.
        var tail = Assert.Single((await copy.AuditAsync()).Findings);
        Assert.Equal(LogFindings.TailUncovered, tail.Name);
        Assert.Equal($"entries at tree sizes {size + 1}..{size + 1}", tail.Where);
        Assert.Equal($"the newest signed checkpoint covers tree size {size}; the entries after it (cutter_core.lifecycle_log: 3 rows) were appended after it", tail.Problem);

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.Checkpoints, VerificationChecks.LifecycleRows);
        Assert.Equal($"{LogFindings.TailUncovered}: run {copy.RunId}'s entries reach tree size {size + 1}, the newest valid checkpoint covers {size}", failed.Actual);
    }

    [Fact]
    public async Task Rows_deleted_by_the_owner_with_the_guards_disabled_are_named_with_their_entry()
    {
        await using var copy = await OwnedCopyAsync();
        var entry = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT entry_seq FROM cutter_core.lifecycle_log ORDER BY log_id DESC LIMIT 1");

        await copy.AsSchemaOwnerAsync($"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
            DELETE FROM cutter_core.lifecycle_log WHERE log_id IN (SELECT log_id FROM cutter_core.lifecycle_log WHERE entry_seq = {entry} ORDER BY log_id LIMIT 3);
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER
            """);

        var deleted = Assert.Single((await copy.AuditAsync()).Findings);
        Assert.Equal(LogFindings.RowsDeleted, deleted.Name);
        Assert.StartsWith($"entry {entry} (", deleted.Where, StringComparison.Ordinal);
        Assert.Contains("rows listed", deleted.Problem, StringComparison.Ordinal);
        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.AuditChainsIntact, VerificationChecks.LifecycleRows);
        Assert.StartsWith($"first break: {LogFindings.RowsDeleted}: entry {entry} (", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_entries_cut_from_the_head_are_named_against_the_checkpoints_that_signed_them()
    {
        await using var copy = await OwnedCopyAsync();
        var size = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        // The owner removes the closeout's entries (its ledger row and the run's final state go with them), so the
        // log's head is an earlier, valid root.
        await copy.AsSchemaOwnerAsync($"""
            ALTER TABLE cutter_governance.log_entry DISABLE TRIGGER USER;
            ALTER TABLE cutter_governance.phase_ledger DISABLE TRIGGER USER;
            DELETE FROM cutter_governance.phase_ledger WHERE entry_seq IN (SELECT entry_seq FROM cutter_governance.log_entry WHERE tree_size > {size - 2});
            DELETE FROM cutter_governance.log_entry WHERE tree_size > {size - 2};
            ALTER TABLE cutter_governance.phase_ledger ENABLE TRIGGER USER;
            ALTER TABLE cutter_governance.log_entry ENABLE TRIGGER USER
            """);

        var audit = await copy.AuditAsync();
        var cut = audit.Findings.Where(f => f.Name == LogFindings.CheckpointInconsistent).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, f => Assert.Equal($"the log now has {size - 2} entries, fewer than the checkpoint signed: entries were removed", f.Problem));
        var report = await copy.VerifyAsync();
        var checkpoints = report.Check(VerificationChecks.Checkpoints);
        Assert.False(checkpoints.Passed);
        Assert.StartsWith($"{LogFindings.CheckpointInconsistent}: ", checkpoints.Actual, StringComparison.Ordinal);
        Assert.Contains($"fewer than the checkpoint signed: entries were removed", checkpoints.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_signed_with_a_foreign_key_covers_nothing_and_is_named()
    {
        await using var copy = await OwnedCopyAsync(ownKb: true);
        var foreign = await ThrowawaySshKey.CreateAsync(Path.Combine(copy.Settings.SidecarRoot, "..", "mallory-" + copy.SchemaOwnerRole), "mallory@elsewhere");
        // Append rows of the run through the normal path, then cover them with a checkpoint signed by a key allowed_signers does not list, in both places.
        await copy.AsSchemaOwnerAsync(AppendToRunSql, ("run_id", copy.RunId.Value));
        var size = await Sql.ScalarAsync<long>(copy.OwnerConnectionString, "SELECT count(*) FROM cutter_governance.log_entry");
        var kb = new FolderKnowledgeBase(copy.Settings.KbRoot);
        var store = new CheckpointStore(copy.Settings.SidecarRoot, kb);
        var newest = store.ReadSidecar()[^1].Checkpoint!;
        var counts = new Dictionary<string, long>(newest.Counts) { ["cutter_core.lifecycle_log"] = newest.Counts["cutter_core.lifecycle_log"] + 3 };
        var raw = (newest with { TreeSize = size, Root = await HeadRootAsync(copy), Counts = counts, Event = "forged" }).Render();
        var signature = SshSigningKey.Load(foreign.PrivateKeyPath).Sign(raw, LogCheckpoint.SignatureNamespace).ToArmored();
        await store.AppendAsync(raw, signature, "forged-checkpoint", CancellationToken.None);

        var audit = await copy.AuditAsync();
        Assert.Equal([LogFindings.CheckpointSignature, LogFindings.TailUncovered], Names(audit));
        Assert.Equal(2, audit.Findings.Count(f => f.Name == LogFindings.CheckpointSignature));
        Assert.All(audit.Findings.Where(f => f.Name == LogFindings.CheckpointSignature),
            f => Assert.StartsWith("its signature does not verify", f.Problem, StringComparison.Ordinal));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.Checkpoints, VerificationChecks.LifecycleRows);
        Assert.StartsWith($"{LogFindings.CheckpointSignature}: ", failed.Actual, StringComparison.Ordinal);
        Assert.EndsWith($"{LogFindings.TailUncovered}: run {copy.RunId}'s entries reach tree size {size}, the newest valid checkpoint covers {size - 1}", failed.Actual, StringComparison.Ordinal);
    }

    /// <summary>Three lifecycle rows of the run, inserted through the normal path (the log's triggers on) with the run's flag raised and lowered again.</summary>
    private const string AppendToRunSql = """
        UPDATE cutter_governance.execution_flag SET enabled = true WHERE run_id = @run_id;
        INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
        SELECT u.iu_id, 'enacted', 'enacted', u.run_id, (SELECT d.review_decision_id FROM cutter_governance.review_decision d
            WHERE d.run_id = @run_id AND d.gate = 'SG_2_lifecycle_authz'), now()
        FROM (SELECT iu_id, run_id FROM cutter_core.information_unit WHERE run_id = @run_id ORDER BY iu_id LIMIT 3) u;
        UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id = @run_id
        """;

    private async Task<RunCopy> OwnedCopyAsync(bool ownKb = false)
    {
        var copy = await runs.CopyAsync(ownKb);
        await copy.HandSchemasToOwnerRoleAsync();
        return copy;
    }

    private static Task<string> HeadRootAsync(RunCopy copy) =>
        Sql.ScalarAsync<string>(copy.OwnerConnectionString, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");

    private static string[] Names(AuditOutcome outcome) => [.. outcome.Findings.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal)];
}
