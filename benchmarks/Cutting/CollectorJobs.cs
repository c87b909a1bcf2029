using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// With <c>CUTTER_BENCH_GC=both</c>, the cut is measured under two collectors side by side, each job with its own
/// baseline: .NET's default (workstation, background GC), what a host embedding the library gets unless it says
/// otherwise; and the batch (non-concurrent) GC <c>src/Cutter.Cli</c> ships with (<c>ConcurrentGarbageCollection</c>
/// false, set here the same way, in the generated project), what every cut the CLI makes runs under. Unset, it adds no
/// job, so the command line's (<c>--job short</c>, CI's <c>--job Dry</c>) or BenchmarkDotNet's default applies alone.
/// </summary>
internal sealed class CollectorJobs : ManualConfig
{
    public const string Variable = "CUTTER_BENCH_GC";

    public CollectorJobs()
    {
        var choice = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(choice))
        {
            return;
        }
        if (choice != "both")
        {
            throw new InvalidOperationException($"{Variable}='{choice}': the only value is 'both' (unset measures under the default collector alone)");
        }
        AddJob(Job.Default.WithGcConcurrent(true).WithId("background-gc"));
        AddJob(Job.Default.WithGcConcurrent(false).WithId("batch-gc-as-the-cli"));
    }
}
