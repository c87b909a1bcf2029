using System.Globalization;
using System.Text;

namespace Cutter.Rehearsal.Seeding;

/// <summary>
/// Deterministic governance documents of any size, for the cutting benchmark, the end-to-end timelines and the tests
/// that pin what the cutter makes of them. Same arguments, same bytes, on every machine.
/// </summary>
internal static class GeneratedCharter
{
    /// <summary>Units per block of <see cref="OfUnits"/>: the section, its three clauses and the three points of its second clause.</summary>
    public const int UnitsPerSection = 7;

    /// <summary>Sections per chapter in <see cref="OfUnits"/>: 1,000,000 units need about 2,900 chapters, under the classifier's four digits.</summary>
    public const int SectionsPerChapter = 50;

    /// <summary>
    /// The cutting benchmark's charter (benchmarks/README.md): a title, a chapter every 40 articles, and per article a
    /// line of text, three clauses and three points. 4,000 articles are 2,117,758 bytes and 28,101 units. Articles are
    /// numbered through the document, so above 9,999 they are no longer structural headings (the classifier reads four
    /// digits): use <see cref="OfUnits"/> for larger documents.
    /// </summary>
    public static string Benchmark(int articles)
    {
        var builder = new StringBuilder("---\nid: KB-1\ndocument_code: ICX-BENCH\ntitle: Benchmark charter\n---\n# Benchmark Charter\n\n");
        for (var a = 1; a <= articles; a++)
        {
            if (a % 40 == 1)
            {
                builder.Append(CultureInfo.InvariantCulture, $"## Chapter {a / 40 + 1}. Provisions of group {a / 40 + 1}\n\n");
            }
            builder.Append(CultureInfo.InvariantCulture, $"### Article {a}. Subject number {a}\n\n");
            AppendProvisions(builder);
        }
        return builder.ToString();
    }

    /// <summary>
    /// A charter of at least <paramref name="units"/> units that cuts without a warning at any size: a title, chapters
    /// (numbered through the document) of <see cref="SectionsPerChapter"/> sections each (numbered per chapter), and
    /// per section the benchmark's text, clauses and points. About 75 bytes a unit.
    /// </summary>
    public static string OfUnits(int units, string kbId, string documentCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        var sections = (units + UnitsPerSection - 1) / UnitsPerSection;
        var builder = new StringBuilder(sections * UnitsPerSection * 80 + 256);
        builder.Append(CultureInfo.InvariantCulture,
            $"---\nid: {kbId}\ndocument_code: {documentCode}\ntitle: Generated charter of {units} units\nlanguage: en\n---\n# Generated Charter\n\n");
        for (var s = 0; s < sections; s++)
        {
            if (s % SectionsPerChapter == 0)
            {
                var chapter = s / SectionsPerChapter + 1;
                builder.Append(CultureInfo.InvariantCulture, $"## Chapter {chapter}. Provisions of group {chapter}\n\n");
            }
            builder.Append(CultureInfo.InvariantCulture, $"### Section {s % SectionsPerChapter + 1}. Subject number {s + 1}\n\n");
            AppendProvisions(builder);
        }
        return builder.ToString();
    }

    private static void AppendProvisions(StringBuilder builder)
    {
        builder.Append("The members agree that the rules in this article apply to every body that accepts the Charter in writing.\n\n");
        builder.Append("1. Every member shall keep a public record of the rules it follows and of every change made to them.\n");
        builder.Append("2. The Council shall:\n   (a) publish every rule in force, with the date it took effect;\n   (b) keep every superseded version unchanged;\n   (c) answer any question within thirty days.\n");
        builder.Append("3. A decision under this article may be appealed to the Assembly within sixty days of its notice.\n\n");
    }
}
