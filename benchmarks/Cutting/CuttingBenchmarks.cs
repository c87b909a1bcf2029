using System.Text;
using BenchmarkDotNet.Attributes;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
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

    internal static string Generate(int articles)
    {
        var builder = new StringBuilder("---\nid: KB-1\ndocument_code: ICX-BENCH\ntitle: Benchmark charter\n---\n# Benchmark Charter\n\n");
        for (var a = 1; a <= articles; a++)
        {
            if (a % 40 == 1)
            {
                builder.Append($"## Chapter {a / 40 + 1}. Provisions of group {a / 40 + 1}\n\n");
            }
            builder.Append($"### Article {a}. Subject number {a}\n\n");
            builder.Append("The members agree that the rules in this article apply to every body that accepts the Charter in writing.\n\n");
            builder.Append("1. Every member shall keep a public record of the rules it follows and of every change made to them.\n");
            builder.Append("2. The Council shall:\n   (a) publish every rule in force, with the date it took effect;\n   (b) keep every superseded version unchanged;\n   (c) answer any question within thirty days.\n");
            builder.Append("3. A decision under this article may be appealed to the Assembly within sixty days of its notice.\n\n");
        }
        return builder.ToString();
    }
}
