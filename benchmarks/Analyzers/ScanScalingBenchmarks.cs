using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cutter.Scanning;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// <c>cutter scan</c> on one C# file holding N string literals (1k to 200k), to show the time grows linearly with
/// the literals in a file (the hand-written scanner it replaced re-read the file for every literal). The literals mix
/// the shapes the rules look at closely (URLs, paths, dotted names, hex, run-stamp-like text) without being findings,
/// plus one finding per thousand so the reporting path is exercised. Results: benchmarks/README.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ScanScalingJobConfig))]
public class ScanScalingBenchmarks
{
    private string _source = "";

    /// <summary>1k to 200k (16k: the size issue 17 reported); only 1k under CI's dry run (<c>CUTTER_BENCH_SMALLEST=1</c>).</summary>
    public static IEnumerable<int> Sizes => Store.BenchmarkSizes.SmallestOnly ? [1_000] : [1_000, 10_000, 16_000, 50_000, 200_000];

    [ParamsSource(nameof(Sizes))]
    public int Literals { get; set; }

    [GlobalSetup]
    public void Setup() => _source = OneFile(Literals);

    [Benchmark(Description = "cutter scan, one file")]
    public int ScanOneFile()
    {
        var findings = new SecretScanner().ScanTextAsync("Large.cs", _source).GetAwaiter().GetResult();
        var expected = Literals / 1000;
        if (findings.Count != expected)
        {
            throw new InvalidOperationException($"expected {expected} findings in the generated file, got {findings.Count}");
        }
        return findings.Count;
    }

    /// <summary>A static class of <paramref name="literals"/> fields, ten literal shapes in turn; every 1000th is a KB id (CUT002).</summary>
    public static string OneFile(int literals)
    {
        var text = new StringBuilder("static class Large\n{\n");
        for (var i = 0; i < literals; i++)
        {
            var value = (i % 1000) == 999 ? $"KB-{1000 + (i / 1000)}" : (i % 10) switch
            {
                0 => $"https://docs.service.net/guide/section-{i}",
                1 => $"/var/lib/cutter/data/{i}.json",
                2 => $"Cutter.Orchestration.Phase{i % 97}",
                3 => $"the operator pressed enter on step {i}",
                4 => $"{i:x8}",
                5 => $"orchestrator:setting_{i}",
                6 => $"SELECT id FROM units WHERE n = {i}",
                7 => $"report-{i}.md",
                8 => $"value {i} of {literals}",
                _ => $"Phase{i}Completed",
            };
            text.Append("    public const string F").Append(i).Append(" = \"").Append(value).Append("\";\n");
        }
        return text.Append("}\n").ToString();
    }
}
