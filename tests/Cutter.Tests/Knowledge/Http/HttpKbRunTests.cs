using System.Security.Cryptography;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge.Http;
using Cutter.Orchestration.Gates;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Cutter.Orchestration.State;
using Cutter.Governance.Approvals;
using Xunit;

namespace Cutter.Tests.Knowledge.Http;

/// <summary>A live run whose KB is the KB API on loopback, failing for real mid-run.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HttpKbRunTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_KB_failing_from_the_phase_3_report_stops_the_run_resumably_and_resume_finishes_it_without_a_duplicate_doc()
    {
        var apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
        await using var server = await KbTestServer.StartAsync(apiKey);
        var log = new CapturingLogger();
        HttpKnowledgeBase? kb = null;
        await using var harness = await RunnerHarness.CreateAsync(postgres, environment =>
        {
            // The KB API holds the rehearsal's sample documents, byte for byte.
            server.SeedFromFolder(environment.Settings.KbRoot);
            var options = new HttpKnowledgeBaseOptions(server.BaseAddress)
            {
                MaxAttempts = 3,
                BaseDelay = TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromMilliseconds(100),
                PerAttemptTimeout = TimeSpan.FromSeconds(5),
                TotalTimeout = TimeSpan.FromSeconds(15),
            };
            kb = new HttpKnowledgeBase(options, name => name == EnvironmentNames.KbApiKey ? apiKey : environment.ReadEnvironment(name), log);
            return kb;
        });
        using var client = kb!;
        var seeded = server.DocumentCount;
        Assert.True(seeded >= 2, $"seeded {seeded} docs");
        // The KB stores the phase-3 report but its answer is lost; from then on it answers 500 until it recovers.
        server.Faults.Next(new KbFault.LoseResponse(), when: r => r.IsCreate("/phase-3"));
        server.Faults.FailPersistently(KbFault.Status500, from: r => r.IsCreate("/phase-3"));

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        var runId = stop.RunId!.Value;
        var phase3Key = $"{runId}/phase-3";
        Assert.True(stop.Code == StopCodes.KbUploadFailed, stop.Detail);
        Assert.Equal(3, stop.Phase);
        Assert.Equal($"{phase3Key}: KB create idempotency key {phase3Key} failed after 3 attempts: HTTP 500 Internal Server Error, expected 201: retries ran out", stop.Detail);
        var stopped = harness.Runner.Status(runId);
        Assert.Equal(RunStatus.Stopped, stopped.Status);
        Assert.Equal("STOP_KB_UPLOAD_FAILED", stopped.Stop!.Code);
        Assert.Equal([PhaseResult.Passed, PhaseResult.Passed, PhaseResult.Stopped], stopped.Phases.Take(3).Select(p => p.Result).ToArray());
        Assert.Equal(3, server.Requests.Count(r => r.IsCreate(phase3Key)));
        // The phase reports in order; the signed log checkpoints written between them (docs/audit.md) are not counted here.
        Assert.Equal([$"{runId}/phase-1", $"{runId}/phase-2", phase3Key], server.Creations.Select(c => c.Key).Where(k => !IsCheckpoint(k)).ToArray());

        server.Faults.Recover();
        var paused = await harness.Runner.ResumeAsync(runId, null);

        Assert.Equal(RunStatus.AwaitingSg1, paused.Status);
        // The resume re-uploaded with the same key and got the doc the lost answer had created.
        Assert.Equal(server.Creations.Single(c => c.Key == phase3Key).Id, paused.Phases[2].ReportKbId);
        Assert.Equal(1, server.Creations.Count(c => c.Key == phase3Key));

        var atSg2 = await harness.RunToSg2AsyncFrom(paused);
        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        var sg2 = await harness.ApproveAsync(atSg2.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        var done = await harness.Runner.ResumeAsync(runId, sg2);

        Assert.Equal(RunStatus.CloseoutReported, done.Status);
        Assert.All(done.Phases, p => Assert.Equal(PhaseResult.Passed, p.Result));
        // 11 phase reports, the SG_1, ruling and SG_2 requests, the closeout, and the 3 approvals, plus the signed log
        // checkpoints: each key once.
        var keys = server.Creations.Select(c => c.Key).ToArray();
        var checkpoints = keys.Count(IsCheckpoint);
        Assert.Equal(18, keys.Length - checkpoints);
        Assert.InRange(checkpoints, 1, 12);
        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(seeded + keys.Length, server.DocumentCount);
        string IdFor(string key) => server.Creations.Single(c => c.Key == key).Id;
        Assert.All(done.Phases, p => Assert.Equal(IdFor($"{runId}/phase-{p.Number}"), p.ReportKbId));
        Assert.Equal(IdFor($"{runId}/closeout"), done.CloseoutKbId);
        Assert.Equal(IdFor($"{runId}/request-ruling"), done.RulingRequestKbId);

        // The API key is in no log line, no error, and no file the run wrote.
        Assert.Contains(log.Lines, l => l.Contains($"KB create idempotency key {phase3Key}: attempt 2 of 3 failed (HTTP 500 Internal Server Error)", StringComparison.Ordinal));
        Assert.All(log.Lines, line => Assert.DoesNotContain(apiKey, line, StringComparison.Ordinal));
        Assert.DoesNotContain(apiKey, stop.ToString(), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(harness.Environment.Settings.SidecarRoot, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(apiKey, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    private static bool IsCheckpoint(string key) => key.Contains("/checkpoint-", StringComparison.Ordinal);
}
