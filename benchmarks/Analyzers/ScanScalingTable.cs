using System.Diagnostics;
using System.Globalization;
using Cutter.Scanning;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// <c>--scan-scaling</c>: times <c>cutter scan</c> on the files of <see cref="ScanScalingBenchmarks"/> (best of three
/// per size, after one warm-up) and prints the Markdown table of benchmarks/README.md. For machines where
/// BenchmarkDotNet's separate build times out; the time per literal column is what shows linear growth.
/// </summary>
internal static class ScanScalingTable
{
    public static async Task<int> RunAsync()
    {
        var sizes = ScanScalingBenchmarks.Sizes.ToList();
        await new SecretScanner().ScanTextAsync("Warmup.cs", ScanScalingBenchmarks.OneFile(1_000));
        Console.WriteLine("| Literals in one file | Best of 3 (ms) | µs per literal |");
        Console.WriteLine("| ---: | ---: | ---: |");
        foreach (var size in sizes)
        {
            var source = ScanScalingBenchmarks.OneFile(size);
            var best = double.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var clock = Stopwatch.StartNew();
                var findings = await new SecretScanner().ScanTextAsync("Large.cs", source);
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                if (findings.Count != size / 1000)
                {
                    throw new InvalidOperationException($"expected {size / 1000} findings, got {findings.Count}");
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {best:N0} | {best * 1000 / size:N1} |"));
        }
        return 0;
    }
}
