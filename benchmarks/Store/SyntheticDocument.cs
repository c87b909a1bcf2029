using System.Text;
using Cutter.Cutting;
using Cutter.Domain;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// A deterministic candidate set of N units shaped like a cut charter: one chapter per 100 units, the rest articles
/// under it, each with about 500 bytes of normalized text built from a fixed word list and a seeded generator, so
/// every run of every benchmark writes exactly the same rows.
/// </summary>
internal static class SyntheticDocument
{
    public const int UnitsPerChapter = 100;
    public const int TargetTextBytes = 500;

    private static readonly string[] Words =
    [
        "the", "council", "shall", "publish", "every", "rule", "in", "force", "with", "date", "it", "took", "effect",
        "member", "body", "assembly", "decision", "appeal", "within", "sixty", "days", "notice", "record", "public",
        "charter", "article", "amendment", "provision", "authority", "review", "keep", "version", "unchanged", "answer",
        "question", "thirty", "accept", "writing", "agree", "apply", "govern", "procedure", "vote", "majority", "quorum",
    ];

    public static CandidateSet Create(int units, string documentCode = "ICX-BENCH", int kbNumber = 9001)
    {
        var random = new Random(units ^ kbNumber);
        var list = new List<CandidateUnit>(units);
        var text = new StringBuilder(TargetTextBytes + 16);
        string? chapter = null;
        var article = 0;
        for (var i = 0; i < units; i++)
        {
            var isChapter = i % UnitsPerChapter == 0;
            string address;
            string? parent;
            string kind;
            if (isChapter)
            {
                chapter = $"ch-{i / UnitsPerChapter + 1}";
                address = chapter;
                parent = null;
                kind = UnitKinds.Chapter;
                article = 0;
            }
            else
            {
                address = $"{chapter}/art-{++article}";
                parent = chapter;
                kind = UnitKinds.Article;
            }
            text.Clear();
            text.Append(isChapter ? "Chapter " : "Article ").Append(i + 1).Append(". ");
            while (text.Length < TargetTextBytes - 12)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }
            text.Append("in writing.");
            var content = text.ToString();
            list.Add(new CandidateUnit(address, i + 1, kind, parent, isChapter ? $"Chapter {i / UnitsPerChapter + 1}" : $"Article {article}",
                content, Sha256Hex.Of(content).Value, i + 1));
        }
        var code = DocumentCode.Parse(documentCode);
        return new CandidateSet(KbDocId.Parse($"KB-{kbNumber}"), code, $"Benchmark document of {units} units",
            Sha256Hex.Of($"benchmark source {units}"), list, PayloadSerializer.Sha(code, list));
    }

    /// <summary>
    /// The text bytes a write of N units carries (UTF-8 content, address and heading of every unit): the figure MB/s
    /// is computed from. Cached, because result columns ask for it once per row.
    /// </summary>
    public static long PayloadBytes(int units)
    {
        lock (BytesByCount)
        {
            if (BytesByCount.TryGetValue(units, out var cached)) return cached;
            long bytes = 0;
            foreach (var unit in Create(units).Units)
            {
                bytes += Encoding.UTF8.GetByteCount(unit.Content) + Encoding.UTF8.GetByteCount(unit.Address) + Encoding.UTF8.GetByteCount(unit.Heading);
            }
            BytesByCount[units] = bytes;
            return bytes;
        }
    }

    private static readonly Dictionary<int, long> BytesByCount = new();
}
