using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Cutter.Benchmarks.EndToEnd;
using Cutter.Benchmarks.Results;
using Cutter.Benchmarks.Store;

// Console modes sit beside BenchmarkDotNet's switcher, for figures that are not per-iteration timings:
//   --peak-working-set N          one live write of N units, printing the process's peak working set
//   --report RESULTS_DIR OUT_DIR [CLI_CSV]  Markdown tables and the cost-per-unit plot from the store benchmarks' CSV
//                                 reports (CLI_CSV: the write path through the CLI, from --live-run-timeline)
//   --rehearsal-timeline REPO     times `cutter rehearse` and breaks it down per phase from its state.json
//   --scan-scaling                times `cutter scan` on one file of 1k..200k literals (benchmarks/README.md)
//   --write-ratio N               the live write path and baseline (a1) once each at N units (CI prints it at 10k)
//   --write-probe N ROUNDS        (a1) and the live path in turn at N units, each with its phases and the server's WAL, FPI and checkpoint counters
//   --enact-explain N             phase 10 at N units with auto_explain on (plans of the enact and its triggers)
//   --scan-ratio N ROUNDS         the verification scan against a plain COPY read of N units, interleaved (benchmarks/README.md)
//   --live-run-timeline N CLI_DLL a whole live run of a generated N-unit document through the CLI, timed by phase (live-run-timeline.sh)
//   --cut-probe ARTICLES ROUNDS   the cut against Markdig's parse in process CPU time and allocated bytes (min, median)
//   --cut-steady ARTICLES OPS ROUNDS [parse|cut]  the cut against Markdig's parse back to back as BenchmarkDotNet runs them, with GC counts
//   --cut-parts ARTICLES ROUNDS   the cut's pieces one by one in process CPU time, after checking its 8-lane SHA-256
//   --batch-workers CLI N W...    documents per minute of W `cutter worker` processes on a batch of N small documents
return args switch
{
    ["--peak-working-set", var units] => await PeakWorkingSet.RunAsync(int.Parse(units, CultureInfo.InvariantCulture)),
    ["--report", var results, var output] => ResultsReport.Run(results, output),
    ["--report", var results, var output, var cliWritePath] => ResultsReport.Run(results, output, cliWritePath),
    ["--rehearsal-timeline", var repository] => await RehearsalTimeline.RunAsync(repository),
    ["--scan-scaling"] => await Cutter.Benchmarks.Analyzers.ScanScalingTable.RunAsync(),
    ["--write-ratio", var units] => await WriteRatio.RunAsync(int.Parse(units, CultureInfo.InvariantCulture)),
    ["--write-probe", var probeUnits, var probeRounds] => await WriteProbe.RunAsync(int.Parse(probeUnits, CultureInfo.InvariantCulture), int.Parse(probeRounds, CultureInfo.InvariantCulture)),
    ["--enact-explain", var explainUnits] => await WriteProbe.ExplainEnactAsync(int.Parse(explainUnits, CultureInfo.InvariantCulture)),
    ["--scan-ratio", var units, var rounds] => await Cutter.Benchmarks.SafetyNets.ScanRatio.RunAsync(int.Parse(units, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["--live-run-timeline", var units, var cli] => await LiveRunTimeline.RunAsync(int.Parse(units, CultureInfo.InvariantCulture), cli),
    ["--cut-parts", var partsArticles, var partsRounds] => Cutter.Benchmarks.Cutting.CutParts.Run(int.Parse(partsArticles, CultureInfo.InvariantCulture), int.Parse(partsRounds, CultureInfo.InvariantCulture)),
    ["--cut-steady", var steadyArticles, var steadyOps, var steadyRounds, .. var steadyOnly] when steadyOnly.Length <= 1 =>
        Cutter.Benchmarks.Cutting.CutSteady.Run(int.Parse(steadyArticles, CultureInfo.InvariantCulture), int.Parse(steadyOps, CultureInfo.InvariantCulture), int.Parse(steadyRounds, CultureInfo.InvariantCulture), steadyOnly.FirstOrDefault() ?? ""),
    ["--cut-probe", var articles, var rounds] => Cutter.Benchmarks.Cutting.CutProbe.Run(int.Parse(articles, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["--batch-workers", var cliDll, var documents, .. var workers] when workers.Length > 0 =>
        await Cutter.Benchmarks.Batches.BatchWorkersThroughput.RunAsync(cliDll, int.Parse(documents, CultureInfo.InvariantCulture), workers.Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray()),
    _ => Switch(args),
};

// CI's dry run (.ci/benchmarks-dry.sh) runs every case once on the Debug build CI has already made, to prove the
// benchmarks still build and run; it reads no timing, so only there BenchmarkDotNet's refusal of a non-optimized
// assembly is turned off. Measured runs keep the validator and the Release build.
static int Switch(string[] args)
{
    const string DryOnDebugBuild = "--dry-on-debug-build";
    if (!args.Contains(DryOnDebugBuild))
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
    var jobIndex = Array.IndexOf(args, "--job");
    if (jobIndex < 0 || jobIndex + 1 >= args.Length || !string.Equals(args[jobIndex + 1], "Dry", StringComparison.OrdinalIgnoreCase))
    {
        Console.Error.WriteLine($"{DryOnDebugBuild} is only for the Dry job (--job Dry): a Debug build's timings mean nothing");
        return 2;
    }
    var config = DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator);
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != DryOnDebugBuild).ToArray(), config);
    return 0;
}
