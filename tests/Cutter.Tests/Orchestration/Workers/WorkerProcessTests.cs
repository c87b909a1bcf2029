using System.Diagnostics;
using System.Text.Json;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Infrastructure;
using Cutter.Knowledge;
using Cutter.Orchestration;
using Cutter.Orchestration.Batches;
using Cutter.Orchestration.Workers;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Batches;
using Cutter.Store.Batches;
using Cutter.Tests.Governance.Signatures;
using Cutter.Tests.Support;
using Cutter.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Cutter.Tests.Orchestration.Workers;

/// <summary>
/// Issue 24's done-when: a batch of 50 small generated documents worked by 4 `cutter worker` PROCESSES on one store.
/// One worker kills itself with SIGKILL right after its first document's phase 7 committed; another takes the item over
/// when the lease runs out and resumes the run through its ledger. Every document reaches closeout exactly once,
/// verification passes for each, and the workers' logs with the phase ledger show no document worked by two at once.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class WorkerProcessTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Documents = 50;
    private const int Workers = 4;
    private const string BatchName = "fifty";
    private const string KillPoint = "after-commit:7";

    [Fact]
    public async Task Fifty_documents_four_worker_processes_one_killed_mid_document_every_document_closes_out_once_and_verifies()
    {
        var clock = Stopwatch.StartNew();
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);
        var documents = TinyDocuments.Write(env.Settings.KbRoot, Documents).Select(KbDocId.Parse).ToArray();
        await using var services = OrchestratorFactory.Create(env.Settings, env.Access, env.ReadEnvironment, TimeProvider.System, NullLogger.Instance);
        var batch = new BatchRunner(services, AllowedSigners.Load(env.Settings.AllowedSignersFile));

        var plan = await batch.PlanAsync(BatchName, documents, "tester");
        output.WriteLine($"planned {Documents} documents (phases 1-4 each) in {clock.Elapsed.TotalSeconds:F0} s");
        await SshKeygen.SignAsync(env.Approver.PrivateKeyPath, ApprovalFields.SignatureNamespace, plan.RequestPath);

        // Up to SG_2: the workers record the signed SG_1 themselves; w1 dies at its first document's phase 7 commit.
        var cutting = await RunWorkersAsync(driver, w => w == 1 ? KillPoint : null);
        output.WriteLine($"cutting stage done at {clock.Elapsed.TotalSeconds:F0} s");
        Assert.Equal(CutterProcess.KilledBySigkill, cutting[0].ExitCode);
        Assert.All(cutting.Skip(1), r => Assert.True(r.ExitCode == Cutter.Cli.ExitCodes.AwaitingApproval, $"exit {r.ExitCode}: {r.StandardError}"));

        var atSg2 = await batch.ResumeAsync(BatchName, "tester");
        Assert.Equal(("awaiting_SG_2", Documents), (atSg2.State, atSg2.Counts.GetValueOrDefault(BatchItemStates.AwaitingGate)));
        await SshKeygen.SignAsync(env.Approver.PrivateKeyPath, ApprovalFields.SignatureNamespace, atSg2.Gates[1].RequestPath!);

        var enacting = await RunWorkersAsync(driver, _ => null);
        output.WriteLine($"enacting stage done at {clock.Elapsed.TotalSeconds:F0} s");
        Assert.All(enacting, r => Assert.True(r.ExitCode == Cutter.Cli.ExitCodes.Ok, $"exit {r.ExitCode}: {r.StandardError}"));
        var summaries = enacting.Select(r => JsonDocument.Parse(r.StandardOutput).RootElement).ToArray();
        Assert.Equal(Documents, summaries.Sum(s => s.GetProperty("closed").GetInt32()));
        Assert.All(summaries, s => Assert.Equal(Documents, s.GetProperty("queue").GetProperty("done").GetInt32()));

        // Every document closed out exactly once: one run per document, its 11 ledger rows, its rows and two decisions.
        var done = await batch.StatusAsync(BatchName);
        Assert.Equal(Documents, done.Counts.GetValueOrDefault(BatchItemStates.Done));
        Assert.Equal(Documents, await Sql.ScalarAsync<int>(driver.Owner, """
            SELECT count(*)::integer FROM cutter_governance.batch_item i JOIN cutter_governance.run r USING (run_id)
            WHERE r.state = 'closeout_reported' AND (SELECT count(*) FROM cutter_governance.run o WHERE o.document_id = r.document_id) = 1
            """));
        var expected = $"{TinyDocuments.Units}/{TinyDocuments.Units}/{TinyDocuments.Units}/2/11";
        foreach (var document in done.Documents)
        {
            Assert.Equal((document.KbId, expected), (document.KbId, await driver.CountsAsync(document.RunId)));
            var report = await VerifyAsync(env, services, document.RunId);
            Assert.True(report.Passed, $"{document.KbId}: " + string.Join("; ", report.Failures.Select(f => $"{f.Name}: {f.Actual}")));
        }

        // No document in two workers' hands at once: holds from the workers' logs, every worker-run phase (5-11) inside one.
        var log = WorkLog.ReadAll(env.Settings.BatchDir);
        var holds = WorkerHolds.From(log);
        var ledger = await LedgerAsync(driver.Owner);
        Assert.Equal(Documents * 7, ledger.Count);
        Assert.Empty(WorkerHolds.Overlaps(holds, ledger));

        // The killed worker's document: claimed by w1, never released by it, taken over by another worker after its lease,
        // resumed from the ledger (phase 7 ran once, by w1), the lock taken over from the dead process, then closed out.
        var killed = Assert.Single(holds, h => h.Worker == "w1" && !h.Released);
        var takeover = holds.Where(h => h.Document == killed.Document && h.Worker != "w1").MinBy(h => h.From)!;
        Assert.True(takeover.From >= killed.Until, $"{killed.Document} taken over at {takeover.From:O}, before w1's lease ended at {killed.Until:O}");
        var run = services.Sidecar.Load(RunId.Parse(done.Documents.Single(d => d.KbId == killed.Document).RunId));
        Assert.Equal(Cutter.Orchestration.State.RunStatus.CloseoutReported, run.Status);
        Assert.Contains(run.Warnings, w => w.StartsWith($"took over the lock on {killed.Document}", StringComparison.Ordinal));
        var phase7 = Assert.Single(ledger, l => l.Document == killed.Document && l.Phase == 7);
        Assert.True(phase7.FinishedAt <= killed.Until && phase7.StartedAt >= killed.From, "phase 7 of the killed worker's document did not run in w1's hold");
        Assert.Empty(Directory.GetFiles(env.Settings.GlobalLocksDir, "*.lock"));
        Assert.False(await driver.FlagOnAsync());
        output.WriteLine($"{killed.Document}: w1 killed, taken over by {takeover.Worker} at {takeover.From:O}; total {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static Task<ProcessResult[]> RunWorkersAsync(ProcessRunDriver driver, Func<int, string?> faultPoint) =>
        Task.WhenAll(Enumerable.Range(1, Workers).Select(w =>
            driver.RunAsync(["worker", "--batch", BatchName, "--lease", "10", "--worker-id", $"w{w}", "--json"], faultPoint(w))));

    private static async Task<IReadOnlyList<LedgerRow>> LedgerAsync(string owner)
    {
        var rows = new List<LedgerRow>();
        await using var connection = new Npgsql.NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT i.kb_id, l.run_id::text, l.phase_no, l.started_at, l.finished_at
            FROM cutter_governance.phase_ledger l JOIN cutter_governance.batch_item i USING (run_id)
            WHERE l.phase_no >= 5 ORDER BY l.started_at
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerRow(reader.GetString(0), reader.GetString(1), reader.GetInt16(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return rows;
    }

    private static Task<VerificationReport> VerifyAsync(RehearsalEnvironment env, OrchestratorServices services, string runId)
    {
        var settings = env.Settings;
        return RunVerifier.VerifyAsync(services.Sidecar.Load(RunId.Parse(runId)), env.Store.VerifyConnectionString, settings.ExpectedGrantMatrixSha,
            VerifierSettings.From(settings), new FolderKnowledgeBase(settings.KbRoot), services.Sidecar, TimeProvider.System, AllowedSigners.Load(settings.AllowedSignersFile));
    }
}
