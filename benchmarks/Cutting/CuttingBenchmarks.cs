using System.Text;
using BenchmarkDotNet.Attributes;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Rehearsal.Seeding;
using Markdig;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// Cutting a large generated charter against Markdig's bare parse of the same body, the floor no cutter can beat.
/// MB/s = DocumentBytes / mean time; benchmarks/README.md records the figures.
/// </summary>
[MemoryDiagnoser]
public class CuttingBenchmarks
{
    private KbDocument _document = null!;
    private string _body = "";

    /// <summary>Number of articles in the generated document (each with 3 clauses, one with 3 points).</summary>
    [Params(4000)]
    public int Articles { get; set; }

    public int DocumentBytes => _document.Raw.Length;

    [GlobalSetup]
    public void Setup()
    {
        var text = Generate(Articles);
        var raw = Encoding.UTF8.GetBytes(text);
        _document = new KbDocument(KbDocId.Parse("KB-1"), new Dictionary<string, string>(), "", raw, null);
        _body = KbFrontMatter.Split(text, "benchmark").Body;
        Console.WriteLine($"// document: {raw.Length} bytes, {DocumentCutter.Cut(_document, CuttingOptions.Default).CandidateCount} units");
    }

    [Benchmark(Baseline = true)]
    public object MarkdigParseOnly() => Markdown.Parse(_body, UnitTreeBuilder.Pipeline);

    [Benchmark]
    public CandidateSet Cut() => DocumentCutter.Cut(_document, CuttingOptions.Default);

    /// <summary>The benchmark's document (<see cref="GeneratedCharter.Benchmark"/>), so tests pin exactly what is measured.</summary>
    internal static string Generate(int articles) => GeneratedCharter.Benchmark(articles);
}
