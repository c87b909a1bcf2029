using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Cutter.Benchmarks.Store;

namespace Cutter.Benchmarks.Results;

/// <summary>
/// Result columns for benchmarks with an <c>N</c> (units) parameter: units per second, MB/s of unit text, the
/// speed relative to the class's Baseline (baseline mean / this mean, so 0.8 means 80 % of the baseline's
/// throughput), microseconds and allocated bytes per unit.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public enum Kind { UnitsPerSecond, MegabytesPerSecond, SpeedVsBaseline, MicrosecondsPerUnit, AllocatedBytesPerUnit }

    private readonly Kind _kind;

    public ThroughputColumn(Kind kind) => _kind = kind;

    public static IEnumerable<IColumn> All => Enum.GetValues<Kind>().Select(k => new ThroughputColumn(k));

    public string Id => nameof(ThroughputColumn) + "." + _kind;
    public string ColumnName => _kind switch
    {
        Kind.UnitsPerSecond => "units/s",
        Kind.MegabytesPerSecond => "MB/s",
        Kind.SpeedVsBaseline => "speed vs baseline",
        Kind.MicrosecondsPerUnit => "µs/unit",
        _ => "alloc B/unit",
    };
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => (int)_kind;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => _kind switch
    {
        Kind.UnitsPerSecond => "Units written per second (N / mean)",
        Kind.MegabytesPerSecond => "Unit text (content, address, heading; UTF-8) per second, in 10^6 bytes",
        Kind.SpeedVsBaseline => "Baseline mean / this mean: the fraction of the baseline's throughput reached",
        Kind.MicrosecondsPerUnit => "Mean time per unit",
        _ => "Managed bytes allocated per unit by the measured region",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name == "N"));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Compute(summary, benchmarkCase, _kind) is { } value ? value.ToString(_kind == Kind.SpeedVsBaseline ? "0.00" : "N1", CultureInfo.InvariantCulture) : "-";

    /// <summary>The column's value, or null when the case did not run or has no baseline.</summary>
    public static double? Compute(Summary summary, BenchmarkCase benchmarkCase, Kind kind)
    {
        var report = summary[benchmarkCase];
        var mean = report?.ResultStatistics?.Mean;
        if (report is null || mean is null || mean <= 0) return null;
        var n = Convert.ToInt32(benchmarkCase.Parameters["N"], CultureInfo.InvariantCulture);
        var seconds = mean.Value / 1e9;
        switch (kind)
        {
            case Kind.UnitsPerSecond: return n / seconds;
            case Kind.MegabytesPerSecond: return SyntheticDocument.PayloadBytes(n) / 1e6 / seconds;
            case Kind.MicrosecondsPerUnit: return mean.Value / 1e3 / n;
            case Kind.AllocatedBytesPerUnit:
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                return allocated is { } bytes ? (double)bytes / n : null;
            default:
                var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
                var baselineMean = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
                return baselineMean is { } b ? b / mean.Value : null;
        }
    }
}
