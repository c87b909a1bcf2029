using Cutter.Domain;
using Cutter.Orchestration.Escalation;
using Cutter.Orchestration.Gates;
using Cutter.Rehearsal;
using Cutter.Store;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Cutter.Orchestration.State;
using Cutter.Governance.Approvals;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>SG_3: per-document revert of a finished run, compensation of a torn one, and the triggers' guard.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EscalationTests(PostgresFixture postgres)
{
    private static async Task<IReadOnlyList<DocumentFootprint>> SurveyAsync(RunnerHarness harness) => await DocumentSurvey.ReadAsync(harness.Owner);

    [Fact]
    public async Task Revert_under_SG_3_restores_the_pre_run_state_and_keeps_every_audit_row()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var before = await SurveyAsync(harness);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(done.RunId);
        var ledgerBefore = await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.phase_ledger");
        var escalation = new RunEscalation(harness.Services);

        var request = await escalation.RequestAsync(runId, EscalationActions.Revert, "test", CancellationToken.None);
        var approval = await harness.ApproveAsync(request.Value);
        var reverted = await escalation.ExecuteAsync(runId, EscalationActions.Revert, approval, CancellationToken.None);

        Assert.Equal(RunStatus.Reverted, reverted.Status);
        var after = await SurveyAsync(harness);
        Assert.Equal(before, after.Where(d => d.KbId != "KB-2186").ToArray());
        var target = Assert.Single(after, d => d.KbId == "KB-2186");
        Assert.Equal((0L, 0L), (target.Units, target.Versions));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{runId}'"));
        Assert.Equal(3L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_governance.review_decision WHERE run_id = '{runId}'"));
        Assert.Equal(ledgerBefore, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.phase_ledger"));
        Assert.Equal("reverted", await Sql.ScalarAsync<string>(harness.Owner, $"SELECT state FROM cutter_governance.run WHERE run_id = '{runId}'"));
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.revert_authorization WHERE consumed_at IS NOT NULL"));

        // Revert mode of the verification: it checks exactly that, and signs its report.
        var verified = await Cutter.Verification.RunVerification.VerifyAndWriteAsync(harness.Environment.Settings, harness.Environment.Store.VerifyConnectionString, runId, harness.Time);
        Assert.True(verified.Report.Passed, string.Join("; ", verified.Report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Actual}")));
        Assert.Equal(Cutter.Verification.VerificationChecks.Revert.Select(c => c.Name), verified.Report.Checks.Select(c => c.Name));
        Assert.True(File.Exists(verified.Artifacts.SignaturePath));

        // And it can fail: a row of the run put back behind the revert's back.
        await Sql.ExecAsync(harness.Owner, $"""
            UPDATE cutter_governance.execution_flag SET enabled = true;
            INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT document_id, 'art-99', 99, 'article', 'draft', '{runId}' FROM cutter_core.document WHERE kb_id = 'KB-2186';
            UPDATE cutter_governance.execution_flag SET enabled = false;
            """);
        var broken = await Cutter.Verification.RunVerification.VerifyAndWriteAsync(harness.Environment.Settings, harness.Environment.Store.VerifyConnectionString, runId, harness.Time);
        Assert.Equal([Cutter.Verification.VerificationChecks.TargetRestored], broken.Report.Checks.Where(c => !c.Passed).Select(c => c.Name).ToArray());

        // And it fails on a rewritten audit row too: the SG_3 decision's signer changed by the owner with its guard off.
        var sg3 = await Sql.ScalarAsync<string>(harness.Owner, $"SELECT review_decision_id::text FROM cutter_governance.review_decision WHERE run_id = '{runId}' AND gate = 'SG_3_escalation_authz'");
        var entry = await Sql.ScalarAsync<long>(harness.Owner, $"SELECT entry_seq FROM cutter_governance.review_decision WHERE review_decision_id = '{sg3}'");
        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_governance.review_decision DISABLE TRIGGER review_decision_immutable;
            UPDATE cutter_governance.review_decision SET signer = 'someone@else' WHERE review_decision_id = '{sg3}';
            ALTER TABLE cutter_governance.review_decision ENABLE TRIGGER review_decision_immutable;
            """);
        var rewritten = await Cutter.Verification.RunVerification.VerifyAndWriteAsync(harness.Environment.Settings, harness.Environment.Store.VerifyConnectionString, runId, harness.Time);
        Assert.Equal([Cutter.Verification.VerificationChecks.TargetRestored, Cutter.Verification.VerificationChecks.AuditChainsIntact, Cutter.Verification.VerificationChecks.DecisionEvidence],
            rewritten.Report.Checks.Where(c => !c.Passed).Select(c => c.Name).ToArray());
        Assert.StartsWith($"first break: {Cutter.Store.Audit.LogFindings.RowAltered}: entry {entry} (",
            rewritten.Report.Check(Cutter.Verification.VerificationChecks.AuditChainsIntact).Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revert_approval_bound_to_another_state_is_refused_and_nothing_is_deleted()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(done.RunId);
        var escalation = new RunEscalation(harness.Services);
        var request = await escalation.RequestAsync(runId, EscalationActions.Revert, null, CancellationToken.None);
        var approval = await harness.ApproveAsync(request.Value);
        // The target's rows change after the approval was signed: the approval no longer describes them.
        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.unit_version DISABLE TRIGGER USER;
            UPDATE cutter_core.unit_version SET content_sha256 = repeat('e', 64) WHERE uv_id = (SELECT min(uv_id) FROM cutter_core.unit_version WHERE run_id = '{runId}');
            ALTER TABLE cutter_core.unit_version ENABLE TRIGGER USER;
            """);
        var hashes = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => escalation.ExecuteAsync(runId, EscalationActions.Revert, approval, CancellationToken.None));

        Assert.Equal(StopCodes.ApprovalWrongPayload, stop.Code);
        Assert.Equal(hashes, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task Enacted_rows_refuse_deletes_even_with_an_authorization_for_another_run_or_an_expired_one()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var decision = done.Gates[ApprovalGate.Sg2LifecycleAuthz].ReviewDecisionId;
        string Attempt(string authorizationRun, string expires) => $"""
            UPDATE cutter_governance.execution_flag SET enabled = true;
            INSERT INTO cutter_governance.revert_authorization (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at)
                VALUES ('11111111-2222-3333-4444-555555555555', '{authorizationRun}', 'revert', repeat('a', 64), '{decision}', {expires}, now());
            SELECT set_config('cutter.revert_authorization', '11111111-2222-3333-4444-555555555555', false);
            DELETE FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}';
            """;

        var otherRun = await Sql.FailsAsync(harness.Owner, Attempt(Guid.NewGuid().ToString(), "now() + interval '5 minutes'"));
        var expired = await Sql.FailsAsync(harness.Owner, Attempt(done.RunId, "now() - interval '1 second'"));
        var none = await Sql.FailsAsync(harness.ExecConnection(), $"DELETE FROM cutter_core.information_unit WHERE run_id = '{done.RunId}'");

        Assert.Equal(["CT002", "CT002", "CT001"], new[] { otherRun.SqlState, expired.SqlState, none.SqlState });
        Assert.Equal(51L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{done.RunId}'"));
    }

    [Fact]
    public async Task A_torn_write_stops_the_resume_requests_SG_3_and_compensation_restores_the_pre_run_state()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var before = await SurveyAsync(harness);
        var atSg2 = await harness.RunToSg2Async();
        var runId = RunId.Parse(atSg2.RunId);
        // A stray row of this run that no phase wrote: the store and the ledger disagree.
        await Sql.ExecAsync(harness.Owner, $"""
            UPDATE cutter_governance.execution_flag SET enabled = true;
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT min(iu_id), 'draft', 'enacted', '{runId}', '{atSg2.Gates[ApprovalGate.Sg1CutAuthz].ReviewDecisionId}', now() FROM cutter_core.information_unit WHERE run_id = '{runId}';
            UPDATE cutter_governance.execution_flag SET enabled = false;
            """);
        var sg2 = await harness.ApproveAsync(atSg2.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(runId, sg2));

        Assert.Equal(StopCodes.TornWrite, stop.Code);
        Assert.StartsWith("1 lifecycle_log rows of this run in the store, 0 expected (phase 10 is not in the ledger)", stop.Detail, StringComparison.Ordinal);
        var stopped = harness.Runner.Status(runId);
        Assert.Equal(RunStatus.Stopped, stopped.Status);
        var request = stopped.Gates[ApprovalGate.Sg3EscalationAuthz].RequestKbId!;
        var approval = await harness.ApproveAsync(request);
        var compensated = await new RunEscalation(harness.Services).ExecuteAsync(runId, EscalationActions.Compensate, approval, CancellationToken.None);

        Assert.Equal(RunStatus.Compensated, compensated.Status);
        Assert.Equal(before, (await SurveyAsync(harness)).Where(d => d.KbId != "KB-2186").ToArray());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{runId}'"));
        await Assert.ThrowsAsync<InvalidInputException>(() => harness.Runner.ResumeAsync(runId, sg2));
    }
}
