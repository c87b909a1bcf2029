using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Cutter.Benchmarks.Store;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// The analyzer benchmarks' job: one launch, one warm-up and a few measured iterations (Monitoring), since one
/// operation is a whole compile or scan. In CI's dry run (<see cref="BenchmarkSizes.SmallestOnly"/>) no job is added,
/// so only the command line's <c>--job Dry</c> runs (a class-level job attribute would run beside it, measured).
/// </summary>
public class AnalyzerJobConfig : ManualConfig
{
    public AnalyzerJobConfig() : this(iterationCount: 7)
    {
    }

    protected AnalyzerJobConfig(int iterationCount)
    {
        if (BenchmarkSizes.SmallestOnly) return;
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(iterationCount));
    }
}

/// <summary><see cref="AnalyzerJobConfig"/> with three measured iterations: one scan of 200k literals is long.</summary>
public sealed class ScanScalingJobConfig : AnalyzerJobConfig
{
    public ScanScalingJobConfig() : base(iterationCount: 3)
    {
    }
}
