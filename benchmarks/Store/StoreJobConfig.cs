using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// The job every store benchmark runs with: one launch, one warm-up and three measured iterations of one operation
/// each (Monitoring), because one operation is seconds to minutes of database work and each needs a fresh database.
/// In CI's dry run (<see cref="BenchmarkSizes.SmallestOnly"/>) no job is added, so only the command line's
/// <c>--job Dry</c> runs.
/// </summary>
public class StoreJobConfig : ManualConfig
{
    public StoreJobConfig() : this(warmupCount: 1, iterationCount: 3)
    {
    }

    protected StoreJobConfig(int warmupCount, int iterationCount)
    {
        if (!BenchmarkSizes.SmallestOnly)
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(warmupCount).WithIterationCount(iterationCount).WithId("Store"));
        }
    }
}
