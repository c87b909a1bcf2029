namespace Cutter.Benchmarks.Store;

/// <summary>
/// The unit counts the store benchmarks run at. <c>CUTTER_BENCH_SMALLEST=1</c> restricts them to the smallest, which
/// is how CI's dry run keeps every benchmark building and running in a few minutes; <c>CUTTER_BENCH_SIZES=100000</c>
/// (a comma-separated list) picks sizes, to re-measure one size after a change.
/// </summary>
public static class BenchmarkSizes
{
    public const string SmallestOnlyVariable = "CUTTER_BENCH_SMALLEST";
    public const string SizesVariable = "CUTTER_BENCH_SIZES";

    /// <summary>Above this many units the row-by-row baseline is not run: at ~4,000 rows/s it would take over 10 minutes per iteration.</summary>
    public const int RowByRowLimit = 100_000;

    private static readonly int[] All = [1_000, 10_000, 100_000, 1_000_000];

    public static bool SmallestOnly => Environment.GetEnvironmentVariable(SmallestOnlyVariable) == "1";

    public static IEnumerable<int> Units =>
        SmallestOnly ? All[..1]
        : Environment.GetEnvironmentVariable(SizesVariable) is { Length: > 0 } sizes
            ? sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : All;
}
