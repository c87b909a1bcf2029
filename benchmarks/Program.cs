using System.Globalization;
using BenchmarkDotNet.Running;
using Cutter.Benchmarks.EndToEnd;
using Cutter.Benchmarks.Results;
using Cutter.Benchmarks.Store;

// Three console modes sit beside BenchmarkDotNet's switcher, for figures that are not per-iteration timings:
//   --peak-working-set N          one live write of N units, printing the process's peak working set
//   --report RESULTS_DIR OUT_DIR  Markdown tables and the cost-per-unit plot from the store benchmarks' CSV reports
//   --rehearsal-timeline REPO     times `cutter rehearse` and breaks it down per phase from its state.json
//   --scan-scaling                times `cutter scan` on one file of 1k..200k literals (benchmarks/README.md)
return args switch
{
    ["--peak-working-set", var units] => await PeakWorkingSet.RunAsync(int.Parse(units, CultureInfo.InvariantCulture)),
    ["--report", var results, var output] => ResultsReport.Run(results, output),
    ["--rehearsal-timeline", var repository] => await RehearsalTimeline.RunAsync(repository),
    ["--scan-scaling"] => await Cutter.Benchmarks.Analyzers.ScanScalingTable.RunAsync(),
    _ => Switch(args),
};

static int Switch(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
