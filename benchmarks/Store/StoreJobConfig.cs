using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// The job every store benchmark runs with: one launch, one warm-up and three measured iterations of one operation
/// each (Monitoring), because one operation is seconds to minutes of database work and each needs a fresh database.
/// In CI's dry run (<see cref="BenchmarkSizes.SmallestOnly"/>) no job is added, so only the command line's
/// <c>--job Dry</c> runs.
/// </summary>
public class StoreJobConfig : ManualConfig
{
    /// <summary>Set to 1 to run the store job in the host process (no generated project, one process for all cases).</summary>
    public const string InProcessVariable = "CUTTER_BENCH_INPROCESS";

    public StoreJobConfig() : this(warmupCount: 1, iterationCount: 3)
    {
    }

    protected StoreJobConfig(int warmupCount, int iterationCount)
    {
        if (BenchmarkSizes.SmallestOnly) return;
        var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(warmupCount).WithIterationCount(iterationCount).WithId("Store");
        // BenchmarkDotNet's --inProcess replaces a config's jobs with its default job; this keeps the store job in-process instead,
        // with a timeout long enough for a restore proof of 1,000,000 units (the default aborts the whole run after 5 minutes).
        if (Environment.GetEnvironmentVariable(InProcessVariable) == "1") job = job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true));
        AddJob(job);
    }
}
