using System.Text;
using BenchmarkDotNet.Attributes;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Rehearsal.Seeding;
using Markdig;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// Cutting a large generated charter against Markdig's parse of the same body: the baseline is Markdig's normal full
/// CommonMark parse with its default pipeline (blocks and inlines). The cut parses blocks only
/// (<see cref="BlockOnlyPipeline"/>), since it never reads an inline; that parse is measured too, for comparison.
/// MB/s = DocumentBytes / mean time; benchmarks/README.md records the figures. Run as it is, it measures under .NET's
/// default background GC (what a host embedding the library gets); with <c>CUTTER_BENCH_GC=both</c>, under that and
/// the batch GC the CLI ships with, side by side (<see cref="CollectorJobs"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CollectorJobs))]
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

    /// <summary>Markdig's full parse with its default pipeline: the baseline the 2x target is measured against.</summary>
    [Benchmark(Baseline = true)]
    public object MarkdigParseOnly() => Markdown.Parse(_body);

    /// <summary>The block-only parse the cut runs inside it.</summary>
    [Benchmark]
    public object MarkdigBlockOnlyParse() => Markdown.Parse(_body, BlockOnlyPipeline.Pipeline);

    [Benchmark]
    public CandidateSet Cut() => DocumentCutter.Cut(_document, CuttingOptions.Default);

    /// <summary>The benchmark's document (<see cref="GeneratedCharter.Benchmark"/>), so tests pin exactly what is measured.</summary>
    internal static string Generate(int articles) => GeneratedCharter.Benchmark(articles);
}
