namespace Cutter.Benchmarks.Store;

/// <summary>
/// The store job with more iterations: the transparency log's target is a ratio (log on within 1.15x of log off),
/// and three iterations on a shared machine leave its error larger than the margin.
/// </summary>
public sealed class LogCostBenchmarkConfig : StoreJobConfig
{
    public LogCostBenchmarkConfig() : base(warmupCount: 1, iterationCount: 12)
    {
        AddColumn(Results.ThroughputColumn.All.ToArray());
    }
}
