using System.Security.Cryptography;
using Cutter.Tests.Support;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// Verification of a run while another document's run wrote in the same time (docs/concurrency.md): that run's
/// document and decision are excluded and named by run id, and the same writes by a run that did not overlap (its
/// ledger ends before this run's snapshot) still fail the two checks they concern.
/// </summary>
[Collection(RehearsedRunCollection.Name)]
public sealed class OverlappingRunTests(RehearsedRunFixture run)
{
    private const string OtherKbId = "KB-3999";

    [Fact]
    public async Task A_document_and_a_decision_written_by_an_overlapping_run_are_excluded_and_named_and_every_check_passes()
    {
        await using var copy = await run.CopyAsync();
        var other = Guid.NewGuid();
        // Halfway between this run's pre-run snapshot and its last ledger row: inside its window.
        var at = run.State.PreRunSnapshot!.TakenUtc + (await LastLedgerRowAsync(copy) - run.State.PreRunSnapshot.TakenUtc) / 2;
        await WriteOtherRunAsync(copy, other, at);

        var report = await copy.VerifyAsync();

        Assert.True(report.Passed, RunCopy.Describe(report));
        Assert.EndsWith($"; excluded as written by overlapping runs: {OtherKbId} (run {other:D})", report.Check(VerificationChecks.NonTargetDocuments).Actual, StringComparison.Ordinal);
        Assert.Contains($"+ 1 by overlapping runs {other:D} = ", report.Check(VerificationChecks.ReviewDecisions).Expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_writes_by_a_run_that_ended_before_the_snapshot_fail_non_target_documents_and_review_decisions()
    {
        await using var copy = await run.CopyAsync();
        var other = Guid.NewGuid();
        await WriteOtherRunAsync(copy, other, run.State.PreRunSnapshot!.TakenUtc.AddHours(-1));

        var report = await copy.VerifyAsync();

        Assert.Equal([VerificationChecks.ReviewDecisions, VerificationChecks.NonTargetDocuments], report.Failures.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal($"{OtherKbId} (OVERLAP-DOC): appeared during the run", report.Check(VerificationChecks.NonTargetDocuments).Actual);
        Assert.Contains("3 more than before the run (0 of them by overlapping runs)", report.Check(VerificationChecks.ReviewDecisions).Actual, StringComparison.Ordinal);
    }

    private static async Task<DateTimeOffset> LastLedgerRowAsync(RunCopy copy) => new(DateTime.SpecifyKind(
        await Sql.ScalarAsync<DateTime>(copy.OwnerConnectionString, $"SELECT max(finished_at) FROM cutter_governance.phase_ledger WHERE run_id = '{copy.RunId}'"), DateTimeKind.Utc));

    /// <summary>Another run, as the owner writes it: its document with one unit, its run row, one ledger row and one decision, all at <paramref name="at"/>.</summary>
    private static Task WriteOtherRunAsync(RunCopy copy, Guid other, DateTimeOffset at) => copy.AsOwnerAsync($"""
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('{OtherKbId}', 'OVERLAP-DOC', 'Another document');
        INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
            SELECT @other, document_id, 'live', 'someone', @sha, 1, 'closeout_reported', @at, @at FROM cutter_core.document WHERE kb_id = '{OtherKbId}';
        INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES (@other, true, @at);
        INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT document_id, 'art-1', 1, 'article', 'draft', @other FROM cutter_core.document WHERE kb_id = '{OtherKbId}';
        INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, rows_written, started_at, finished_at)
            VALUES (@other, 7, 'write_units', 'passed', 1, @at, @at);
        INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at)
            VALUES (gen_random_uuid(), @other, 'SG_1_cut_authz', 'KB-9998', @sha, @sha, 'someone', @at, @at);
        UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id = @other
        """, ("other", other), ("sha", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), ("at", at));
}
