using Cutter.Benchmarks.Results;
using Cutter.Benchmarks.Store;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// The store job plus the per-unit columns (here N is the number of units already in the store). No warm-up and two
/// iterations: the seeding just read every page, and at 1,000,000 units one restore proof takes minutes.
/// </summary>
public sealed class SafetyNetConfig : StoreJobConfig
{
    public SafetyNetConfig() : base(warmupCount: 0, iterationCount: 2) => AddColumn(ThroughputColumn.All.Where(c => c.Id != nameof(ThroughputColumn) + "." + ThroughputColumn.Kind.AllocatedBytesPerUnit).ToArray());
}
