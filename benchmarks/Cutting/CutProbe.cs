using System.Globalization;
using System.Text;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Markdig;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// `--cut-probe ARTICLES ROUNDS`: the cut against Markdig's parse of the same body in <b>process CPU time and
/// allocated bytes</b>, the figures that survive a loaded machine (wall time does not: on the shared cores it is mostly
/// waiting for a core). The baseline is Markdig's full parse with its default pipeline (the 2x target's); the block-only
/// parse the cut runs inside it (<see cref="BlockOnlyPipeline"/>) is measured and its ratio printed too, for honesty.
/// Two warm-ups each, then ROUNDS rounds of the three operations (rotating which goes first),
/// each operation preceded by a full blocking GC so it pays for its own garbage and not for the previous one's.
/// CPU time is the whole process's (every thread, the GC's included), so collection work counts where it is caused.
/// </summary>
internal static class CutProbe
{
    public static int Run(int articles, int rounds)
    {
        var (raw, document, body) = Document(articles);
        var set = DocumentCutter.Cut(document, CuttingOptions.Default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"document: {raw.Length} bytes, {set.CandidateCount} units, payload_sha {set.PayloadSha}; load {File.ReadAllText("/proc/loadavg").Trim()}"));

        var operations = new (string Name, Action Run)[]
        {
            ("Markdig parse (full, default pipeline)", () => GC.KeepAlive(Markdown.Parse(body))),
            ("Markdig block-only parse (the cut's)", () => GC.KeepAlive(Markdown.Parse(body, BlockOnlyPipeline.Pipeline))),
            ("cut", () => GC.KeepAlive(DocumentCutter.Cut(document, CuttingOptions.Default))),
        };
        for (var i = 0; i < 2; i++)
        {
            Array.ForEach(operations, operation => operation.Run());
        }
        var samples = operations.Select(_ => new List<Sample>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < operations.Length; k++)
            {
                var i = (round + k) % operations.Length;
                samples[i].Add(Measure(operations[i].Run));
            }
        }
        Console.WriteLine("| operation | CPU min (ms) | CPU median (ms) | GC pause median (ms) | gen2 GCs (median) | allocated (MB) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < operations.Length; i++)
        {
            Print(operations[i].Name, samples[i]);
        }
        var (full, blockOnly, cuts) = (samples[0], samples[1], samples[2]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cut / full parse (the target): CPU min {Min(cuts) / Min(full):F2}x, CPU median {Median(cuts) / Median(full):F2}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cut / block-only parse: CPU min {Min(cuts) / Min(blockOnly):F2}x, CPU median {Median(cuts) / Median(blockOnly):F2}x; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }

    /// <summary>The benchmark's document of <paramref name="articles"/> articles: its bytes, as the cutter reads it, and its body as Markdig parses it.</summary>
    internal static (byte[] Raw, KbDocument Document, string Body) Document(int articles)
    {
        var text = CuttingBenchmarks.Generate(articles);
        var raw = Encoding.UTF8.GetBytes(text);
        return (raw, new KbDocument(KbDocId.Parse("KB-1"), new Dictionary<string, string>(), "", raw, null), KbFrontMatter.Split(text, "probe").Body);
    }

    private readonly record struct Sample(double CpuMs, double PauseMs, int Gen2, long Allocated);

    private static Sample Measure(Action operation)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var cpu = Environment.CpuUsage.TotalTime;
        var pause = GC.GetTotalPauseDuration();
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        operation();
        return new Sample(
            (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
            GC.CollectionCount(2) - gen2,
            GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static double Min(List<Sample> samples) => samples.Min(s => s.CpuMs);

    private static double Median(List<Sample> samples) => MedianOf(samples.Select(s => s.CpuMs));

    /// <summary>The median (the mean of the middle two for an even count); the cut tools share it.</summary>
    internal static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Print(string name, List<Sample> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Min(samples):F1} | {Median(samples):F1} | {MedianOf(samples.Select(s => s.PauseMs)):F1} | {MedianOf(samples.Select(s => (double)s.Gen2)):F0} | {samples.Average(s => s.Allocated) / 1e6:F2} |"));
}
