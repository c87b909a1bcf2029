using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using Cutter.Benchmarks.Results;

namespace Cutter.Benchmarks.Store;

/// <summary>Adds the throughput columns and leaves out the row-by-row baseline above its size limit.</summary>
public sealed class WriteBenchmarkConfig : StoreJobConfig
{
    public WriteBenchmarkConfig()
    {
        AddColumn(ThroughputColumn.All.ToArray());
        AddFilter(new SimpleFilter(c =>
            c.Descriptor.WorkloadMethod.Name != nameof(WriteThroughputBenchmarks.RowByRow)
            || Convert.ToInt32(c.Parameters["N"], CultureInfo.InvariantCulture) <= BenchmarkSizes.RowByRowLimit));
    }
}
