using System.Text;
using System.Text.RegularExpressions;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.Batches;
using Cutter.Orchestration.State;
using Cutter.Store.Batches;
using Cutter.Tests.Governance.Signatures;
using Cutter.Tests.Support;
using Cutter.Verification;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Batches;

/// <summary>
/// Batches on a real server with the real ssh-keygen: generated documents planned as one batch, the batch's SG_1 and
/// SG_2 requests each signed once with ssh-keygen -Y sign, resumed to closeout, each run verified on its own; a tampered
/// request refused with nothing recorded; a document changed after the plan held back alone, the batch then partial and
/// resumable.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchRunTests(PostgresFixture postgres)
{
    private const string Owner = "test-runner";

    private sealed class Batch(RunnerHarness harness) : IAsyncDisposable
    {
        public RunnerHarness Harness { get; } = harness;
        public BatchRunner Runner { get; } = new(harness.Services, AllowedSigners.Load(harness.Environment.Settings.AllowedSignersFile));
        public string KbRoot => Harness.Environment.Settings.KbRoot;

        public Task<string> SignAsync(string path) => SshKeygen.SignAsync(Harness.Environment.Approver.PrivateKeyPath, ApprovalFields.SignatureNamespace, path);

        public async Task<VerificationReport> VerifyAsync(string runId)
        {
            var settings = Harness.Environment.Settings;
            return await RunVerifier.VerifyAsync(Harness.Services.Sidecar.Load(RunId.Parse(runId)), Harness.Environment.Store.VerifyConnectionString,
                settings.ExpectedGrantMatrixSha, VerifierSettings.From(settings), new FolderKnowledgeBase(settings.KbRoot), Harness.Services.Sidecar,
                Harness.Time, AllowedSigners.Load(settings.AllowedSignersFile));
        }

        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }

    private async Task<(Batch Batch, KbDocId[] Documents)> CreateAsync(int count)
    {
        var harness = await RunnerHarness.CreateAsync(postgres);
        var batch = new Batch(harness);
        var documents = Enumerable.Range(1, count).Select(n => WriteDocument(batch.KbRoot, n)).ToArray();
        return (batch, documents);
    }

    /// <summary>KB-41NN: a small generated charter of its own (code BATCH-DOC-NN), n+1 articles.</summary>
    private static KbDocId WriteDocument(string kbRoot, int n)
    {
        var kbId = $"KB-{4100 + n}";
        var text = new StringBuilder($"---\nid: {kbId}\ndocument_code: BATCH-DOC-{n:D2}\ntitle: Batch document {n}\nkind: charter\nlanguage: en\n---\n\n# Batch document {n}\n\n## Part I. Rules\n\n### Chapter 1. General\n\n");
        for (var article = 1; article <= n + 1; article++)
        {
            text.Append($"#### Article {article}. Rule {article}\n\nDocument {n} rule {article}: members act in good faith.\n\n");
        }
        File.WriteAllText(Path.Combine(kbRoot, kbId + ".md"), text.ToString());
        return KbDocId.Parse(kbId);
    }

    [Fact]
    public async Task Five_documents_planned_approved_once_per_gate_with_ssh_keygen_and_resumed_to_closeout_each_verify()
    {
        var (batch, documents) = await CreateAsync(5);
        await using var _ = batch;

        var plan = await batch.Runner.PlanAsync("five", documents, "tester");
        Assert.Equal(5, plan.Documents.Count);
        Assert.StartsWith("sha256:batch-root-v1:", plan.MerkleRoot.ToString(), StringComparison.Ordinal);
        var planned = await batch.Runner.StatusAsync("five");
        Assert.Equal("awaiting_SG_1", planned.State);
        Assert.Equal(5, planned.Counts[BatchItemStates.AwaitingGate]);
        var unsigned = await Assert.ThrowsAsync<InvalidInputException>(() => batch.Runner.ResumeAsync("five", Owner));
        Assert.Contains("waits for its SG_1 approval", unsigned.Message, StringComparison.Ordinal);

        await batch.SignAsync(plan.RequestPath);
        var atSg2 = await batch.Runner.ResumeAsync("five", Owner);
        Assert.Equal("awaiting_SG_2", atSg2.State);
        Assert.Equal(5, atSg2.Counts[BatchItemStates.AwaitingGate]);
        Assert.All(atSg2.Documents, d => Assert.Equal(("awaiting_SG_2", 9), (d.RunState, d.LastPhase)));

        await batch.SignAsync(atSg2.Gates[1].RequestPath!);
        var done = await batch.Runner.ResumeAsync("five", Owner);

        Assert.Equal("enacting", done.State);
        Assert.True(done.Finished);
        Assert.False(done.Partial);
        Assert.Equal(5, done.Counts[BatchItemStates.Done]);
        foreach (var document in done.Documents)
        {
            Assert.Equal(("closeout_reported", 11, (string?)null), (document.RunState, document.LastPhase, document.LeaseOwner));
            var report = await batch.VerifyAsync(document.RunId);
            Assert.True(report.Passed, $"{document.KbId}: " + string.Join("; ", report.Failures.Select(f => $"{f.Name}: {f.Actual}")));
        }
        // Ten decisions (two per run), resting on exactly two signed approvals, each decision id derived per run.
        Assert.Equal(10L, await Sql.ScalarAsync<long>(batch.Harness.Owner, "SELECT count(*) FROM cutter_governance.review_decision d JOIN cutter_governance.batch_item i USING (run_id)"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(batch.Harness.Owner, "SELECT count(DISTINCT approval_sha256) FROM cutter_governance.review_decision d JOIN cutter_governance.batch_item i USING (run_id)"));
        Assert.Equal(10L, await Sql.ScalarAsync<long>(batch.Harness.Owner, """
            SELECT count(*) FROM cutter_governance.review_decision d JOIN cutter_governance.batch_item i USING (run_id)
            JOIN cutter_governance.batch_approval a ON a.batch_id = i.batch_id AND a.gate = d.gate
            WHERE d.review_decision_id = cutter_governance.batch_decision_id(a.review_decision_id, d.run_id)
            """));
        // The evidence is stored once per approval (0014), not copied into each run's decision.
        Assert.Equal(10L, await Sql.ScalarAsync<long>(batch.Harness.Owner,
            "SELECT count(*) FROM cutter_governance.review_decision d JOIN cutter_governance.batch_item i USING (run_id) WHERE d.approval_bytes IS NULL AND d.signature IS NULL"));

        await using var verify = new NpgsqlConnection(batch.Harness.Environment.Store.VerifyConnectionString);
        await verify.OpenAsync();
        var signers = AllowedSigners.Load(batch.Harness.Environment.Settings.AllowedSignersFile);
        var clean = await EvidenceVerifier.VerifyAsync(verify, signers);
        Assert.Empty(clean.Failures);
        Assert.Equal(10, clean.Verified);

        // The owner edits the one stored SG_2 approval (its guard off): every decision resting on it is named, and each
        // run's own verification fails its evidence check.
        await Sql.ExecAsync(batch.Harness.Owner, """
            ALTER TABLE cutter_governance.batch_approval DISABLE TRIGGER batch_approval_immutable;
            UPDATE cutter_governance.batch_approval SET approval_bytes = approval_bytes || '\x0a'::bytea WHERE gate = 'SG_2_lifecycle_authz';
            ALTER TABLE cutter_governance.batch_approval ENABLE TRIGGER batch_approval_immutable;
            """);
        var edited = await EvidenceVerifier.VerifyAsync(verify, signers);
        Assert.Equal(5, edited.Failures.Count);
        Assert.All(edited.Failures, f => Assert.Contains("(SG_2_lifecycle_authz) of run ", f, StringComparison.Ordinal));
        Assert.Equal(
            done.Documents.Select(d => d.RunId).Order(StringComparer.Ordinal),
            edited.Failures.Select(f => Regex.Match(f, "of run ([0-9a-f-]{36})", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value).Order(StringComparer.Ordinal));
        var broken = await batch.VerifyAsync(done.Documents[0].RunId);
        Assert.False(broken.Check(VerificationChecks.DecisionEvidence).Passed);

        // Deleted outright: the decisions have no evidence left, and say so.
        await Sql.ExecAsync(batch.Harness.Owner, """
            ALTER TABLE cutter_governance.batch_approval DISABLE TRIGGER batch_approval_immutable;
            DELETE FROM cutter_governance.batch_approval WHERE gate = 'SG_2_lifecycle_authz';
            ALTER TABLE cutter_governance.batch_approval ENABLE TRIGGER batch_approval_immutable;
            """);
        var deleted = await EvidenceVerifier.VerifyAsync(verify, signers);
        Assert.Equal(5, deleted.Failures.Count);
        Assert.All(deleted.Failures, f => Assert.EndsWith(": no signed approval stored (unsigned)", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_batch_request_is_refused_and_nothing_is_recorded()
    {
        var (batch, documents) = await CreateAsync(3);
        await using var _ = batch;
        var plan = await batch.Runner.PlanAsync("tampered", documents, "tester");
        await batch.SignAsync(plan.RequestPath);
        var before = await batch.Harness.TableHashesAsync();

        // One document's payload line edited after signing: the signature no longer verifies.
        var text = await File.ReadAllTextAsync(plan.RequestPath);
        var edited = Regex.Replace(text, @"(sha256:payload-v1:)([0-9a-f])", m => m.Groups[1].Value + (m.Groups[2].Value == "0" ? "1" : "0"), RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(text, edited);
        await File.WriteAllTextAsync(plan.RequestPath, edited);
        var badSignature = await Assert.ThrowsAsync<StopException>(() => batch.Runner.ResumeAsync("tampered", Owner));
        Assert.Equal("STOP_APPROVAL_BAD_SIGNATURE", badSignature.Code.Code);

        // The edited file signed anew by the approver is still not the request the batch recorded.
        File.Delete(BatchFiles.SignaturePath(plan.RequestPath));
        await batch.SignAsync(plan.RequestPath);
        var wrong = await Assert.ThrowsAsync<StopException>(() => batch.Runner.ResumeAsync("tampered", Owner));
        Assert.Equal("STOP_APPROVAL_WRONG_PAYLOAD", wrong.Code.Code);
        Assert.Contains("not the batch's request", wrong.Detail, StringComparison.Ordinal);

        var status = await batch.Runner.StatusAsync("tampered");
        Assert.Equal("awaiting_SG_1", status.State);
        Assert.All(status.Documents, d => Assert.Equal(BatchItemStates.AwaitingGate, d.State));
        Assert.Equal(before, await batch.Harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_document_changed_after_the_plan_is_held_back_alone_and_the_partial_batch_resumes()
    {
        var (batch, documents) = await CreateAsync(4);
        await using var _ = batch;
        var plan = await batch.Runner.PlanAsync("partial", documents, "tester");
        await batch.SignAsync(plan.RequestPath);
        var changedPath = Path.Combine(batch.KbRoot, documents[1] + ".md");
        var original = await File.ReadAllTextAsync(changedPath);
        await File.WriteAllTextAsync(changedPath, original + "#### Article 9. Added later\n\nA rule nobody approved.\n");

        var atSg2 = await batch.Runner.ResumeAsync("partial", Owner);
        var held = atSg2.Documents.Single(d => d.KbId == documents[1].Value);
        Assert.Equal((BatchItemStates.Stopped, "STOP_APPROVAL_WRONG_PAYLOAD"), (held.State, held.StopCode));
        Assert.Contains($"{documents[1]} changed in the KB since the batch was planned", held.StopDetail, StringComparison.Ordinal);
        // Nothing of the held-back document was written: its run never reached phase 6.
        Assert.Equal((BatchStatusReader.NotInStore, 0), (held.RunState, held.LastPhase));
        Assert.Equal(RunStatus.AwaitingSg1, batch.Harness.Services.Sidecar.Load(RunId.Parse(held.RunId)).Status);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(batch.Harness.Owner, $"SELECT count(*) FROM cutter_governance.run WHERE run_id = '{held.RunId}'"));
        Assert.Equal(3, atSg2.Counts[BatchItemStates.AwaitingGate]);
        var sg2Request = BatchApprovalDocument.Parse(await File.ReadAllBytesAsync(atSg2.Gates[1].RequestPath!));
        Assert.Equal(documents.Where((_, i) => i != 1).Select(d => d.Value), sg2Request.Documents.Select(d => d.KbId.Value));

        await batch.SignAsync(atSg2.Gates[1].RequestPath!);
        var partial = await batch.Runner.ResumeAsync("partial", Owner);
        Assert.True(partial.Finished);
        Assert.True(partial.Partial);
        Assert.Equal((3, 1), (partial.Counts[BatchItemStates.Done], partial.Counts[BatchItemStates.Stopped]));
        foreach (var document in partial.Documents.Where(d => d.State == BatchItemStates.Done))
        {
            Assert.True((await batch.VerifyAsync(document.RunId)).Passed, document.KbId);
        }

        // Resumable: the text restored, the held-back document passes its SG_1 binding and goes as far as SG_2. It was
        // not in the batch's SG_2 request, so it is approved on its own there (with its own ruling) and closes out.
        await File.WriteAllTextAsync(changedPath, original);
        var resumed = await batch.Runner.ResumeAsync("partial", Owner);
        var retried = resumed.Documents.Single(d => d.KbId == documents[1].Value);
        Assert.Equal((BatchItemStates.AwaitingGate, "awaiting_SG_2", 9), (retried.State, retried.RunState, retried.LastPhase));
        var again = await batch.Runner.ResumeAsync("partial", Owner);
        Assert.Equal((BatchItemStates.AwaitingGate, (string?)null), (again.Documents[1].State, again.Documents[1].StopCode));
        Assert.Contains("approved one by one", again.Next, StringComparison.Ordinal);
        var runId = RunId.Parse(retried.RunId);
        var state = batch.Harness.Services.Sidecar.Load(runId);
        var sg2 = await batch.Harness.ApproveAsync(state.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        var ruling = await batch.Harness.ApproveAsync(state.RulingRequestKbId);
        await batch.Harness.Runner.ResumeAsync(runId, sg2, ruling);
        var finished = await batch.Runner.ResumeAsync("partial", Owner);

        Assert.True(finished.Finished);
        Assert.False(finished.Partial);
        Assert.Equal(4, finished.Counts[BatchItemStates.Done]);
        var report = await batch.VerifyAsync(retried.RunId);
        Assert.True(report.Passed, string.Join("; ", report.Failures.Select(f => $"{f.Name}: {f.Actual}")));
    }
}
