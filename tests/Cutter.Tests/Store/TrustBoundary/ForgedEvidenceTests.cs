using Cutter.Cli;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.Escalation;
using Cutter.Rehearsal;
using Cutter.Store;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>
/// The exec lane's last way in: record an SG_3 decision through the store's own function with evidence that is forged,
/// unsigned, signed by a key allowed_signers does not hold, or made for another run, and delete a finished run's rows
/// under it. The store refuses what it can check (an unsigned decision); `cutter audit verify` catches the rest by name.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ForgedEvidenceTests(PostgresFixture postgres)
{
    private const string RecordEscalation = """
        SELECT cutter_governance.record_escalation(@id, @run, @kb, encode(sha256(@bytes), 'hex'), (SELECT payload_sha FROM cutter_governance.run WHERE run_id = @run),
            @signer, now(), @bytes, @signature, @action, @state, now())
        """;

    private const string DeleteAndFinish = """
        DELETE FROM cutter_core.lifecycle_log WHERE run_id = @run;
        DELETE FROM cutter_core.unit_version WHERE run_id = @run;
        DELETE FROM cutter_core.information_unit WHERE run_id = @run;
        SELECT cutter_governance.finish_escalation(@authorization, now());
        """;

    /// <summary>As the exec lane: records the SG_3 decision and, when <paramref name="delete"/>, deletes the run's rows under it and ends the run.</summary>
    private static async Task RecordAsync(string exec, RunId run, KbDocId approvalKbId, byte[] bytes, string signature, string action, bool delete)
    {
        var doc = ApprovalDocument.Parse(bytes);
        await using var connection = new NpgsqlConnection(exec);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Guid authorization;
        await using (var record = new NpgsqlCommand(RecordEscalation, connection, transaction))
        {
            record.Parameters.AddWithValue("id", doc.ReviewDecisionId!.Value);
            record.Parameters.AddWithValue("run", run.Value);
            record.Parameters.AddWithValue("kb", approvalKbId.Value);
            record.Parameters.AddWithValue("bytes", bytes);
            record.Parameters.AddWithValue("signer", doc.Signer);
            record.Parameters.AddWithValue("signature", signature);
            record.Parameters.AddWithValue("action", action);
            record.Parameters.AddWithValue("state", doc.StateSha!.Value.ToString());
            authorization = (Guid)(await record.ExecuteScalarAsync())!;
        }
        if (delete)
        {
            await using var finish = new NpgsqlCommand(DeleteAndFinish, connection, transaction);
            finish.Parameters.AddWithValue("run", run.Value);
            finish.Parameters.AddWithValue("authorization", authorization);
            await finish.ExecuteNonQueryAsync();
        }
        else
        {
            await using var lower = new NpgsqlCommand("SELECT cutter_governance.flag_lower(@run)", connection, transaction);
            lower.Parameters.AddWithValue("run", run.Value);
            await lower.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Forged_unknown_key_and_foreign_run_SG_3_evidence_is_caught_by_audit_verify_by_name_and_unsigned_evidence_is_refused()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        await harness.Environment.WriteConfigurationAsync(CancellationToken.None);
        var runA = RunId.Parse(done.RunId);
        var exec = LaneLogins.FromEnvFile(harness.Environment, Lane.Exec);
        var escalation = new RunEscalation(harness.Services);
        async Task<(KbDocId Id, byte[] Bytes, string Signature)> ApprovedAsync(string? keyPath = null, string? signer = null)
        {
            var request = await escalation.RequestAsync(runA, EscalationActions.Revert, null, CancellationToken.None);
            var id = await harness.ApproveAsync(request.Value, keyPath, signer);
            var doc = await harness.Services.Kb.GetAsync(id);
            return (id, doc.Raw, doc.Signature!);
        }
        var stranger = await ThrowawaySshKey.CreateAsync(Path.Combine(harness.Environment.WorkDir, "stranger"), "stranger@elsewhere");

        // Unsigned: the store itself refuses a live run's decision without a signature.
        var unsigned = await ApprovedAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => RecordAsync(exec, runA, unsigned.Id, unsigned.Bytes, "", EscalationActions.Revert, delete: false));
        Assert.Equal("CT016", refused.SqlState);

        // Forged: a properly signed approval whose bytes were changed after signing (one more line).
        var genuine = await ApprovedAsync();
        var forgedBytes = genuine.Bytes.Concat("\nforged: true\n"u8.ToArray()).ToArray();
        await RecordAsync(exec, runA, genuine.Id, forgedBytes, genuine.Signature, EscalationActions.Revert, delete: false);
        var forgedId = ApprovalDocument.Parse(forgedBytes).ReviewDecisionId!.Value;

        // For another run: a run row the exec lane made itself, with run A's payload, compensated under A's valid approval.
        var runB = RunId.New();
        await Sql.ExecAsync(exec, $"SELECT cutter_governance.run_create('{runB}', (SELECT document_id FROM cutter_governance.run WHERE run_id = '{runA}'), 'live', 'intruder', (SELECT payload_sha FROM cutter_governance.run WHERE run_id = '{runA}'), 0, now())");
        var foreign = await ApprovedAsync();
        await RecordAsync(exec, runB, foreign.Id, foreign.Bytes, foreign.Signature, EscalationActions.Compensate, delete: true);
        var foreignId = ApprovalDocument.Parse(foreign.Bytes).ReviewDecisionId!.Value;

        // Signed by a key allowed_signers does not hold, and used to delete run A's enacted rows.
        var unknown = await ApprovedAsync(stranger.PrivateKeyPath, stranger.Principal);
        await RecordAsync(exec, runA, unknown.Id, unknown.Bytes, unknown.Signature, EscalationActions.Revert, delete: true);
        var unknownId = ApprovalDocument.Parse(unknown.Bytes).ReviewDecisionId!.Value;
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{runA}'"));

        await using var verify = new NpgsqlConnection(harness.Environment.Store.VerifyConnectionString);
        await verify.OpenAsync();
        var report = await EvidenceVerifier.VerifyAsync(verify, AllowedSigners.Load(harness.Environment.Settings.AllowedSignersFile));

        Assert.Collection(report.Failures.Take(4),
            f => Assert.StartsWith($"decision {forgedId} (SG_3_escalation_authz) of run {runA}: the stored approval does not verify: SignatureValid:", f, StringComparison.Ordinal),
            f => Assert.StartsWith($"decision {foreignId} (SG_3_escalation_authz) of run {runB}: binding mismatch: the approval is for run {runA}", f, StringComparison.Ordinal),
            f => Assert.StartsWith($"decision {unknownId} (SG_3_escalation_authz) of run {runA}: the stored approval does not verify: SignerKnown:", f, StringComparison.Ordinal),
            f => Assert.StartsWith($"rows of run {runA} deleted under authorization ", f, StringComparison.Ordinal));
        // The escalated runs come in run id order.
        Assert.Equal(
            new[] { $"run {runA} is reverted without an SG_3 decision of that run with valid evidence", $"run {runB} is compensated without an SG_3 decision of that run with valid evidence" }.Order(StringComparer.Ordinal),
            report.Failures.Skip(4).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Verified);

        var cli = await CutterProcess.RunAsync(new Dictionary<string, string?>
        {
            ["CUTTER_CONFIG"] = Path.Combine(harness.Environment.WorkDir, RehearsalEnvironment.ConfigFileName),
            ["CUTTER_ENV_FILE"] = Path.Combine(harness.Environment.WorkDir, RehearsalEnvironment.EnvFileName),
        }, harness.Environment.WorkDir, "audit", "verify");
        Assert.Equal(ExitCodes.ChecksFailed, cli.ExitCode);
        Assert.Equal(report.Failures.Select(f => $"EVIDENCE {f}"), cli.StandardOutput.Split('\n').Where(l => l.StartsWith("EVIDENCE ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_governed_revert_through_the_runner_re_verifies_and_a_decision_edited_by_the_owner_is_named()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(done.RunId);
        var escalation = new RunEscalation(harness.Services);
        var request = await escalation.RequestAsync(runId, EscalationActions.Revert, null, CancellationToken.None);
        await escalation.ExecuteAsync(runId, EscalationActions.Revert, await harness.ApproveAsync(request.Value), CancellationToken.None);
        await using var verify = new NpgsqlConnection(harness.Environment.Store.VerifyConnectionString);
        await verify.OpenAsync();
        var signers = AllowedSigners.Load(harness.Environment.Settings.AllowedSignersFile);

        var clean = await EvidenceVerifier.VerifyAsync(verify, signers);

        Assert.Empty(clean.Failures);
        Assert.Equal((3, 1), (clean.Verified, clean.NotOfACutterRun));

        // The owner swaps the SG_3 decision's stored approval for the SG_2 one (guards off): named as a binding mismatch.
        var sg3 = await Sql.ScalarAsync<Guid>(harness.Owner, $"SELECT review_decision_id FROM cutter_governance.review_decision WHERE run_id = '{runId}' AND gate = 'SG_3_escalation_authz'");
        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_governance.review_decision DISABLE TRIGGER review_decision_immutable;
            UPDATE cutter_governance.review_decision d SET approval_bytes = s.approval_bytes, signature = s.signature
            FROM cutter_governance.review_decision s WHERE d.review_decision_id = '{sg3}' AND s.run_id = d.run_id AND s.gate = 'SG_2_lifecycle_authz';
            ALTER TABLE cutter_governance.review_decision ENABLE TRIGGER review_decision_immutable;
            """);
        var edited = await EvidenceVerifier.VerifyAsync(verify, signers);

        Assert.StartsWith($"decision {sg3} (SG_3_escalation_authz) of run {runId}: binding mismatch: approval_sha256 ", edited.Failures[0], StringComparison.Ordinal);
        Assert.Equal($"run {runId} is reverted without an SG_3 decision of that run with valid evidence", edited.Failures[^1]);
    }
}
