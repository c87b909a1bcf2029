using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Runtime.Intrinsics.X86;
using Cutter.Cutting;
using Cutter.Knowledge;
using Markdig;

namespace Cutter.Benchmarks.Cutting;

/// <summary>
/// `--cut-parts ARTICLES ROUNDS`: the pieces of a cut measured one by one on the probe's document, in process CPU time
/// (min and median of ROUNDS after two warm-ups, each piece after a full blocking GC), so benchmarks/README.md can say
/// where the cut's time goes without a profiler (a sampling profiler's suspensions land on native-call returns and
/// inflate them), with the bytes each allocates. The pieces overlap the cut, they do not add up to it exactly: the cut
/// also pays for what survives.
/// First it checks the eight-lane SHA-256 against the platform's on the padding boundaries and random lengths, and
/// prints which instruction sets it ran on (run it under DOTNET_EnableAVX512=0 or DOTNET_EnableAVX2=0 for the others).
/// </summary>
internal static class CutParts
{
    public static int Run(int articles, int rounds)
    {
        var (raw, document, body) = CutProbe.Document(articles);
        var set = DocumentCutter.Cut(document, CuttingOptions.Default);
        var drafts = UnitTreeBuilder.Build(body, 1, new DiagnosticSink(100)).Units;
        var contents = drafts.Select(d => d.NormalizedContent()).ToArray();
        Console.WriteLine(CheckMultiBuffer());
        var (utf8, ends) = BackToBack(contents);
        var digests = new byte[contents.Length * MultiBufferSha256.DigestBytes];

        var pieces = new (string Name, Action Run)[]
        {
            ("Markdig parse (full, default pipeline)", () => GC.KeepAlive(Markdown.Parse(body))),
            ("Markdig block-only parse (the cut's)", () => GC.KeepAlive(Markdown.Parse(body, BlockOnlyPipeline.Pipeline))),
            ("cut", () => GC.KeepAlive(DocumentCutter.Cut(document, CuttingOptions.Default))),
            ("unit tree (parse + walk)", () => GC.KeepAlive(UnitTreeBuilder.Build(body, 1, new DiagnosticSink(100)))),
            ("numbering checks", () => NumberingChecker.Check(drafts, false, new DiagnosticSink(100))),
            ("normalization", () => Array.ForEach(drafts.ToArray(), d => GC.KeepAlive(d.NormalizedContent()))),
            ("unit content sha (8 lanes)", () => MultiBufferSha256.Hash(utf8, ends, digests)),
            ("unit content sha (one call each)", () => HashOneByOne(utf8, ends, digests)),
            ("payload sha", () => GC.KeepAlive(PayloadSerializer.Sha(set.DocumentCode, set.Units))),
            ("byte screen", () => SourceScreen.ScreenBytes(raw, CuttingOptions.Default, new DiagnosticSink(100))),
            ("char screen", () => SourceScreen.ScreenChars(body, 1, new DiagnosticSink(100))),
            ("nesting screen", () => NestingScreen.Screen(body, 1, CuttingOptions.Default.MaxNestingDepth, new DiagnosticSink(100))),
            ("UTF-8 decode", () => GC.KeepAlive(Encoding.UTF8.GetString(raw))),
            ("document sha", () => GC.KeepAlive(SHA256.HashData(raw))),
        };
        var samples = pieces.Select(_ => new List<double>()).ToArray();
        var allocated = new long[pieces.Length];
        for (var round = 0; round < rounds + 2; round++)
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                var cpu = Environment.CpuUsage.TotalTime;
                var bytes = GC.GetTotalAllocatedBytes(precise: true);
                pieces[i].Run();
                if (round >= 2)
                {
                    samples[i].Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
                    allocated[i] = GC.GetTotalAllocatedBytes(precise: true) - bytes;
                }
            }
        }
        Console.WriteLine("| piece | CPU min (ms) | CPU median (ms) | allocated (MB) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        for (var i = 0; i < pieces.Length; i++)
        {
            var sorted = samples[i].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pieces[i].Name} | {sorted[0]:F1} | {sorted[sorted.Length / 2]:F1} | {allocated[i] / 1e6:F2} |"));
        }
        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static string CheckMultiBuffer()
    {
        var random = new Random(1);
        var lengths = new List<int> { 0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 1015, 1016, 1017, 10_000 };
        lengths.AddRange(Enumerable.Range(0, 3000).Select(_ => random.Next(0, 1100)));
        var data = new byte[lengths.Sum()];
        random.NextBytes(data);
        var ends = new int[lengths.Count];
        for (int i = 0, at = 0; i < lengths.Count; i++)
        {
            at += lengths[i];
            ends[i] = at;
        }
        var digests = new byte[lengths.Count * MultiBufferSha256.DigestBytes];
        MultiBufferSha256.Hash(data, ends, digests);
        var wrong = Enumerable.Range(0, lengths.Count).Count(i =>
            !SHA256.HashData(data.AsSpan(ends[i] - lengths[i], lengths[i])).AsSpan().SequenceEqual(digests.AsSpan(i * 32, 32)));
        return $"8-lane SHA-256 against the platform's: {wrong} wrong of {lengths.Count}; lanes {MultiBufferSha256.IsAccelerated}, AVX-512VL {Avx512F.VL.IsSupported}";
    }

    private static (byte[] Utf8, int[] Ends) BackToBack(string[] contents)
    {
        var ends = new int[contents.Length];
        var utf8 = new List<byte>();
        for (var i = 0; i < contents.Length; i++)
        {
            utf8.AddRange(Encoding.UTF8.GetBytes(contents[i]));
            ends[i] = utf8.Count;
        }
        return (utf8.ToArray(), ends);
    }

    private static void HashOneByOne(byte[] utf8, int[] ends, byte[] digests)
    {
        for (var i = 0; i < ends.Length; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            SHA256.HashData(utf8.AsSpan(start, ends[i] - start), digests.AsSpan(i * 32, 32));
        }
    }
}
