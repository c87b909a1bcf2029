using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Benchmarks.Results;
using Cutter.Infrastructure;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Disposable;
using Cutter.Rehearsal.Seeding;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cutter.Benchmarks.EndToEnd;

/// <summary>
/// `--live-run-timeline UNITS CLI_DLL`: one whole live run of a generated document of about UNITS units through the
/// real CLI (one `cutter` process per step, as an operator types them) on a disposable, durable PostgreSQL: orchestrate,
/// approve SG_1 and the ruling (ssh-keygen keys), resume, approve SG_2, resume, verify. Prints the timeline by phase
/// from the run's phase ledger (the store's own start/finish of each phase), the wall, CPU and peak RSS of every
/// process (GNU time), and the gates apart: the approvals and the waits between processes are not part of the run's
/// cost. benchmarks/EndToEnd/live-run-timeline.sh builds the CLI and calls this.
/// </summary>
internal static class LiveRunTimeline
{
    private const string KbId = "KB-9001";
    private const string DocumentCode = "ICX-GEN";

    /// <summary>Phases grouped as issue 17 names the parts of a run.</summary>
    private static readonly (string Part, int[] Phases)[] Parts =
    [
        ("prechecks (preflight, source snapshot)", [1, 2]),
        ("cut (cut plan)", [3]),
        ("drift survey", [4]),
        ("backup with restore proof", [5]),
        ("writes (flag on, units, versions, draft verify)", [6, 7, 8, 9]),
        ("enact", [10]),
        ("closeout", [11]),
    ];

    private sealed record Step(string Name, int ExitCode, double WallSeconds, double UserSeconds, double SystemSeconds, long PeakRssKb, JsonObject? Output);

    public static async Task<int> RunAsync(int units, string cliDll)
    {
        cliDll = Path.GetFullPath(cliDll);
        if (!File.Exists(cliDll)) throw new CutterException($"{cliDll} does not exist: build src/Cutter.Cli first (live-run-timeline.sh does)");
        var workDir = Directory.CreateTempSubdirectory("cutter-bench-live-").FullName;
        Console.WriteLine($"work dir {workDir}; load {Load()}");
        var setup = Stopwatch.StartNew();
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        await using var env = await RehearsalEnvironment.CreateOnAsync(server, ownsServer: false, workDir, NullLogger.Instance, TimeProvider.System);
        var text = GeneratedCharter.OfUnits(units, KbId, DocumentCode);
        var documentPath = Path.Combine(env.Settings.KbRoot, KbId + ".md");
        await File.WriteAllTextAsync(documentPath, text);
        var documentBytes = new FileInfo(documentPath).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"setup (server, store, seed, keys, document of {documentBytes} bytes) {setup.Elapsed.TotalSeconds:F1} s"));

        var environment = new Dictionary<string, string?>
        {
            [EnvironmentNames.ConfigFile] = Path.Combine(workDir, RehearsalEnvironment.ConfigFileName),
            [EnvironmentNames.EnvFile] = Path.Combine(workDir, RehearsalEnvironment.EnvFileName),
            ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(workDir, "tmp")).FullName,
            // The document cap is raised to fit the document (with room), as an operator would for a large one.
            ["CUTTER_" + OrchestratorSettings.SectionName + "__" + DocumentCaps.MaxDocumentBytesKey] =
                Math.Max(DocumentCaps.DefaultMaxDocumentBytes, documentBytes * 2).ToString(CultureInfo.InvariantCulture),
        };
        var steps = new List<Step>();
        async Task<JsonObject> Cutter(string name, int expectedExit, params string[] arguments)
        {
            var step = await RunTimedAsync(name, cliDll, environment, workDir, [.. arguments, "--json"]);
            steps.Add(step);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: exit {step.ExitCode}, {step.WallSeconds:F1} s wall, {step.UserSeconds + step.SystemSeconds:F1} s CPU, peak RSS {step.PeakRssKb / 1024} MB; load {Load()}"));
            if (step.ExitCode != expectedExit || step.Output is null)
            {
                throw new CutterException($"cutter {name} exited {step.ExitCode}, not {expectedExit}");
            }
            return step.Output;
        }
        async Task<Dictionary<string, string>> ApproveAll(JsonNode run)
        {
            var approvals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pending in run["pending_requests"]!.AsArray())
            {
                var kind = (string)pending!["kind"]!;
                var approval = await Cutter("approve " + kind, 0, "approve", "--request", (string)pending["request_kb_id"]!,
                    "--key", env.Approver.PrivateKeyPath, "--signer", env.Approver.Principal, "--kb-root", env.Settings.KbRoot, "--yes");
                approvals[kind] = (string)approval["approval_kb_id"]!;
            }
            return approvals;
        }

        var started = await Cutter("orchestrate", 7, "orchestrate", "--document", KbId, "--mode", "live", "--actor", "bench");
        var runId = (string)started["run"]!["run_id"]!;
        var sg1 = await ApproveAll(started["run"]!);
        var paused = await Cutter("resume (phases 5-9)", 7, "resume", "--run-id", runId, "--approval", sg1["SG_1_cut_authz"], "--ruling", sg1["execution_ruling"]);
        var sg2 = await ApproveAll(paused["run"]!);
        await Cutter("resume (phases 10-11)", 0, "resume", "--run-id", runId, "--approval", sg2["SG_2_lifecycle_authz"]);
        var verified = await Cutter("verify", 0, "verify", "--run-id", runId);
        if (verified["verification"]?["passed"]?.GetValue<bool>() != true) throw new CutterException("cutter verify did not pass");

        var ledger = await ReadLedgerAsync(env.Store.OwnerConnectionString, runId);
        var candidates = (int)started["run"]!["candidate_count"]!;
        Print(units, documentBytes, candidates, runId, ledger, steps);
        AppendWritePathRow(candidates, ledger);
        Directory.Delete(workDir, recursive: true);
        return 0;
    }

    private static async Task<Step> RunTimedAsync(string name, string cliDll, Dictionary<string, string?> environment, string workDir, string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        // GNU time (not the shell keyword) prints its report on standard error after the command's own.
        var result = await ProcessRunner.RunAsync("time", ["-v", "dotnet", cliDll, .. arguments], environment, workDir);
        watch.Stop();
        JsonObject? output = null;
        try
        {
            output = JsonNode.Parse(result.StandardOutput) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            Console.Error.WriteLine(result.StandardOutput + result.StandardError);
        }
        if (result.ExitCode is not (0 or 7)) Console.Error.WriteLine(result.StandardOutput + result.StandardError);
        return new Step(name, result.ExitCode, watch.Elapsed.TotalSeconds,
            TimeField(result.StandardError, "User time (seconds)"), TimeField(result.StandardError, "System time (seconds)"),
            (long)TimeField(result.StandardError, "Maximum resident set size (kbytes)"), output);
    }

    private static double TimeField(string report, string label)
    {
        var line = report.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(label + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[(label.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<(int Number, string Name, long Rows, DateTime Started, DateTime Finished)>> ReadLedgerAsync(string connectionString, string runId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT phase_no, phase_name, rows_written, started_at, finished_at FROM cutter_governance.phase_ledger WHERE run_id = @run ORDER BY phase_no", connection);
        command.Parameters.AddWithValue("run", Guid.Parse(runId));
        var rows = new List<(int, string, long, DateTime, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt16(0), reader.GetString(1), reader.GetInt64(2), reader.GetDateTime(3), reader.GetDateTime(4)));
        }
        return rows;
    }

    private static void Print(int units, long documentBytes, int candidates, string runId, List<(int Number, string Name, long Rows, DateTime Started, DateTime Finished)> ledger, List<Step> steps)
    {
        static double Seconds((int, string, long, DateTime Started, DateTime Finished) row) => (row.Finished - row.Started).TotalSeconds;
        var inPhases = ledger.Sum(Seconds);
        var verify = steps.Single(s => s.Name == "verify");
        var gates = steps.Where(s => s.Name.StartsWith("approve", StringComparison.Ordinal)).ToArray();
        var runSteps = steps.Where(s => !s.Name.StartsWith("approve", StringComparison.Ordinal)).ToArray();
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"\nrun {runId}: {candidates} units from a generated document of {documentBytes} bytes (asked for {units}); load {Load()}"));
        Console.WriteLine("\n| # | phase (phase ledger) | rows written | s |");
        Console.WriteLine("| ---: | --- | ---: | ---: |");
        foreach (var row in ledger)
        {
            Console.WriteLine(string.Create(culture, $"| {row.Number} | {row.Name} | {row.Rows} | {Seconds(row):F2} |"));
        }
        Console.WriteLine("\n| part of the run | s | % of the run |");
        Console.WriteLine("| --- | ---: | ---: |");
        var total = inPhases + verify.WallSeconds;
        foreach (var (part, phases) in Parts)
        {
            var seconds = ledger.Where(r => phases.Contains(r.Number)).Sum(Seconds);
            Console.WriteLine(string.Create(culture, $"| {part} | {seconds:F2} | {100 * seconds / total:F1} |"));
        }
        Console.WriteLine(string.Create(culture, $"| verification (`cutter verify`, process wall) | {verify.WallSeconds:F2} | {100 * verify.WallSeconds / total:F1} |"));
        Console.WriteLine(string.Create(culture, $"| **run, gates excluded** (phases 1-11 + verify) | **{total:F2}** | 100 |"));
        var outside = runSteps.Where(s => s != verify).Sum(s => s.WallSeconds) - inPhases;
        Console.WriteLine(string.Create(culture, $"| (not in the sum) the run's processes outside their phases: start, configuration, state, review pages, exit | {outside:F2} | |"));
        Console.WriteLine("\n| process | wall s | CPU s (user + sys) | peak RSS MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var step in runSteps.Concat(gates))
        {
            Console.WriteLine(string.Create(culture, $"| {step.Name} | {step.WallSeconds:F1} | {step.UserSeconds + step.SystemSeconds:F1} | {step.PeakRssKb / 1024} |"));
        }
        Console.WriteLine(string.Create(culture,
            $"\nprocesses of the run: {runSteps.Sum(s => s.WallSeconds):F1} s wall; gates (approve processes, excluded): {gates.Sum(s => s.WallSeconds):F1} s; peak RSS of any run process {runSteps.Max(s => s.PeakRssKb) / 1024} MB"));
    }

    /// <summary>
    /// Appends the write path's time through the CLI (phases 7 + 8 + 10 from the ledger) to the CSV file named by
    /// <see cref="CliWritePathCsvVariable"/>, if set, so <c>--report</c> can plot it beside the BenchmarkDotNet cases.
    /// </summary>
    private static void AppendWritePathRow(int candidates, List<(int Number, string Name, long Rows, DateTime Started, DateTime Finished)> ledger)
    {
        if (Environment.GetEnvironmentVariable(CliWritePathCsvVariable) is not { Length: > 0 } csv) return;
        var seconds = ledger.Where(r => r.Number is 7 or 8 or 10).Sum(r => (r.Finished - r.Started).TotalSeconds);
        if (!File.Exists(csv)) File.WriteAllText(csv, CliWritePathRows.Header + "\n");
        File.AppendAllText(csv, string.Create(CultureInfo.InvariantCulture, $"{candidates},{seconds:F3}\n"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"appended {candidates} units, phases 7+8+10 {seconds:F2} s to {csv}"));
    }

    /// <summary>Names a CSV file the run appends its write-path row to (see <see cref="CliWritePathRows"/>).</summary>
    public const string CliWritePathCsvVariable = "CUTTER_BENCH_CLI_WRITE_CSV";

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();
}
