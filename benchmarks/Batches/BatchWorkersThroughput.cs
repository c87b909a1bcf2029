using System.Diagnostics;
using System.Globalization;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Infrastructure;
using Cutter.Orchestration;
using Cutter.Orchestration.Batches;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Batches;
using Cutter.Rehearsal.Disposable;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutter.Benchmarks.Batches;

/// <summary>
/// `--batch-workers CLI_DLL DOCUMENTS WORKERS…`: documents per minute of `cutter worker` processes on one store. For each
/// worker count, on a fresh rehearsal store: plan a batch of DOCUMENTS small generated documents (phases 1-4 of each,
/// in this process, timed apart), sign its SG_1 request with ssh-keygen, run the workers until every document waits at
/// SG_2, write and sign the SG_2 request, run the workers again until every document is closed out. The figure is
/// documents / (worker wall time of both stages); the plan and the signing are not in it. Prints one Markdown row per
/// worker count, with the machine's load average before and after.
/// </summary>
internal static class BatchWorkersThroughput
{
    // docs/exit-codes.md (the benchmarks do not reference the CLI assembly).
    private const int Done = 0;
    private const int AwaitingApproval = 7;

    /// <param name="cliDll">The built `cutter` (Cutter.Cli.dll) the workers run: the figures are for that build.</param>
    public static async Task<int> RunAsync(string cliDll, int documents, IReadOnlyList<int> workerCounts)
    {
        if (!File.Exists(cliDll)) throw new InvalidInputException("CLI_DLL", $"{cliDll} does not exist: build src/Cutter.Cli first");
        // The workers run in the rehearsal's work folder, so a path relative to here would not name the CLI there.
        cliDll = Path.GetFullPath(cliDll);

        // Durable (fsync on), as the store a batch runs against in production.
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        Console.WriteLine("| workers | documents | plan (1-4) s | to SG_2 s | SG_2 to closeout s | worker wall s | documents / min | load before → after |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var workers in workerCounts)
        {
            var load = LoadAverage();
            var workDir = Directory.CreateTempSubdirectory("cutter-bench-workers-").FullName;
            await using (var env = await RehearsalEnvironment.CreateOnAsync(server, false, workDir, NullLogger.Instance, TimeProvider.System))
            {
                await env.SkipRestoreProofAsync();
                var ids = TinyDocuments.Write(env.Settings.KbRoot, documents).Select(KbDocId.Parse).ToArray();
                await using var services = OrchestratorFactory.Create(env.Settings, env.Access, env.ReadEnvironment, TimeProvider.System, NullLogger.Instance);
                var batch = new BatchRunner(services, AllowedSigners.Load(env.Settings.AllowedSignersFile));
                var name = $"bench-{workers}";

                var clock = Stopwatch.StartNew();
                var plan = await batch.PlanAsync(name, ids, "benchmark");
                var planned = clock.Elapsed;
                await SignAsync(env, plan.RequestPath);

                clock.Restart();
                await RunWorkersAsync(cliDll, env, name, workers, AwaitingApproval);
                var cutting = clock.Elapsed;
                var atSg2 = await batch.ResumeAsync(name, "benchmark");
                await SignAsync(env, atSg2.Gates[1].RequestPath ?? throw new CutterException($"batch {name}: no SG_2 request after the cutting stage ({atSg2.Next})"));

                clock.Restart();
                await RunWorkersAsync(cliDll, env, name, workers, Done);
                var enacting = clock.Elapsed;
                var done = await batch.StatusAsync(name);
                if (done.Counts.GetValueOrDefault("done") != documents) throw new CutterException($"batch {name}: {done.Counts.GetValueOrDefault("done")} of {documents} done");

                var wall = cutting + enacting;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {workers} | {documents} | {planned.TotalSeconds:F0} | {cutting.TotalSeconds:F0} | {enacting.TotalSeconds:F0} | {wall.TotalSeconds:F0} | {documents / wall.TotalMinutes:F1} | {load} → {LoadAverage()} |"));
            }
            Directory.Delete(workDir, recursive: true);
        }
        return 0;
    }

    private static async Task SignAsync(RehearsalEnvironment env, string path)
    {
        var signed = await ProcessRunner.RunAsync("ssh-keygen", ["-Y", "sign", "-f", env.Approver.PrivateKeyPath, "-n", ApprovalFields.SignatureNamespace, path]);
        if (!signed.Succeeded) throw new CutterException($"ssh-keygen -Y sign {path} failed: {signed.StandardError}");
    }

    private static async Task RunWorkersAsync(string cliDll, RehearsalEnvironment env, string batch, int workers, int expectedExit)
    {
        var environment = new Dictionary<string, string?>
        {
            ["CUTTER_CONFIG"] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
            ["CUTTER_ENV_FILE"] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
        };
        var results = await Task.WhenAll(Enumerable.Range(1, workers).Select(w =>
            ProcessRunner.RunAsync("dotnet", [cliDll, "worker", "--batch", batch, "--worker-id", $"bench-w{w}", "--json"], environment, env.WorkDir)));
        foreach (var result in results.Where(r => r.ExitCode != expectedExit))
        {
            throw new CutterException($"a worker exited {result.ExitCode}, not {expectedExit}: {result.StandardError}");
        }
    }

    /// <summary>The 1-minute load average (/proc/loadavg), the honest measure of what else ran on the 2 cores.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
