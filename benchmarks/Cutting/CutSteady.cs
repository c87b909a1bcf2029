using System.Diagnostics;
using System.Globalization;
using Cutter.Cutting;
using Markdig;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// `--cut-steady ARTICLES OPS ROUNDS [parse|cut]`: the cut against Markdig's parse as BenchmarkDotNet runs them, back to back with
/// no forced collection between operations (garbage of one is collected during the next), in wall and CPU time per
/// operation with the collector's pauses per operation and collections per 1,000 operations: a minute's look at what a full BenchmarkDotNet run takes five to
/// say, under whichever collector the process runs (<c>DOTNET_gcConcurrent</c>). Rounds alternate the operations.
/// </summary>
internal static class CutSteady
{
    /// <param name="only">"parse" or "cut" to run that alone in this process (the other one's garbage and heap shape
    /// then cannot touch it, as in BenchmarkDotNet, which runs each case in a process of its own); empty for both.</param>
    public static int Run(int articles, int operations, int rounds, string only = "")
    {
        if (only is not ("" or "parse" or "cut"))
        {
            throw new ArgumentException($"'{only}': the operation to run alone is 'parse' or 'cut'", nameof(only));
        }
        var (_, document, body) = CutProbe.Document(articles);
        var runs = new (string Name, Action Run)[]
        {
            ("Markdig parse (full, default pipeline)", () => GC.KeepAlive(Markdown.Parse(body))),
            ("cut", () => GC.KeepAlive(DocumentCutter.Cut(document, CuttingOptions.Default))),
        };
        var wall = runs.Select(_ => new List<double>()).ToArray();
        var cpu = runs.Select(_ => new List<double>()).ToArray();
        var gen2 = new int[runs.Length];
        var gen0 = new int[runs.Length];
        var pause = runs.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds + 1; round++)
        {
            for (var i = 0; i < runs.Length; i++)
            {
                if (only.Length > 0 && !runs[i].Name.StartsWith(only == "cut" ? "cut" : "Markdig", StringComparison.Ordinal))
                {
                    continue;
                }
                var (g0, g2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                var started = Stopwatch.GetTimestamp();
                var cpuStarted = Environment.CpuUsage.TotalTime;
                for (var op = 0; op < operations; op++)
                {
                    runs[i].Run();
                }
                if (round == 0)
                {
                    continue; // warm-up
                }
                wall[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / operations);
                cpu[i].Add((Environment.CpuUsage.TotalTime - cpuStarted).TotalMilliseconds / operations);
                pause[i].Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds / operations);
                gen0[i] += GC.CollectionCount(0) - g0;
                gen2[i] += GC.CollectionCount(2) - g2;
            }
        }
        Console.WriteLine($"collector: {(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "batch" : "background")}, server {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine("| operation | wall min (ms) | wall median (ms) | CPU median (ms) | GC pause median (ms) | gen0 / 1k ops | gen2 / 1k ops |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < runs.Length; i++)
        {
            if (wall[i].Count == 0)
            {
                continue;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {runs[i].Name} | {wall[i].Min():F2} | {CutProbe.MedianOf(wall[i]):F2} | {CutProbe.MedianOf(cpu[i]):F2} | {CutProbe.MedianOf(pause[i]):F2} | {gen0[i] * 1000.0 / (operations * rounds):F0} | {gen2[i] * 1000.0 / (operations * rounds):F0} |"));
        }
        if (only.Length > 0)
        {
            return 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cut / full parse: wall min {wall[1].Min() / wall[0].Min():F2}x, wall median {CutProbe.MedianOf(wall[1]) / CutProbe.MedianOf(wall[0]):F2}x, CPU median {CutProbe.MedianOf(cpu[1]) / CutProbe.MedianOf(cpu[0]):F2}x; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }
}
