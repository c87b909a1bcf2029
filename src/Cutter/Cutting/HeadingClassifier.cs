using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Cutting;

/// <summary>
/// Recognizes structural headings in a heading's text (the Markdown structure itself comes from Markdig):
/// English Part / Title / Chapter / Section / Article / Amendment and Vietnamese Phần / Chương / Mục / Điều,
/// numbered in Arabic or Roman numerals ("Article 44", "ARTICLE I", "Section. 8.", "Chương IV", "Điều 44.",
/// "Phần thứ nhất"). A heading that names none of these is an untitled division (<see cref="UnitKinds.Text"/>).
/// </summary>
internal static partial class HeadingClassifier
{
    private static readonly Dictionary<string, int> VietnameseOrdinals = new(StringComparer.Ordinal)
    {
        ["nhất"] = 1, ["một"] = 1, ["hai"] = 2, ["ba"] = 3, ["tư"] = 4, ["bốn"] = 4, ["năm"] = 5,
        ["sáu"] = 6, ["bảy"] = 7, ["tám"] = 8, ["chín"] = 9, ["mười"] = 10,
    };

    public static HeadingClass Classify(string headingText)
    {
        var text = headingText.Trim();
        if (IsPreamble(text))
        {
            return new HeadingClass(UnitKinds.Preamble, null, false);
        }
        var match = StructuralHeading().Match(text);
        if (!match.Success || !TryNumber(match.Groups["num"].Value, out var number))
        {
            return new HeadingClass(UnitKinds.Text, null, false);
        }
        var keyword = match.Groups["kw"].Value.ToLower(CultureInfo.InvariantCulture);
        var (kind, vietnamese) = keyword switch
        {
            "part" => (UnitKinds.Part, false),
            "title" => (UnitKinds.Title, false),
            "chapter" => (UnitKinds.Chapter, false),
            "section" => (UnitKinds.Section, false),
            "article" => (UnitKinds.Article, false),
            "amendment" => (UnitKinds.Amendment, false),
            "phần" => (UnitKinds.Part, true),
            "chương" => (UnitKinds.Chapter, true),
            "mục" => (UnitKinds.Section, true),
            _ => (UnitKinds.Article, true),
        };
        return new HeadingClass(kind, number, vietnamese);
    }

    private static bool IsPreamble(string text)
    {
        var bare = text.TrimEnd('.', ':').ToLower(CultureInfo.InvariantCulture);
        return bare is "preamble" or "lời nói đầu" or "lời mở đầu";
    }

    private static bool TryNumber(string token, out int number)
    {
        if (token.StartsWith("thứ", StringComparison.OrdinalIgnoreCase))
        {
            var word = token[3..].Trim().ToLower(CultureInfo.InvariantCulture);
            return VietnameseOrdinals.TryGetValue(word, out number);
        }
        if (char.IsAsciiDigit(token[0]))
        {
            return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
        }
        return RomanNumerals.TryParse(token, out number);
    }

    // The keyword may carry a period ("Article. I." as the engrossed US Constitution writes it); the number must be
    // followed by the end, a space or punctuation, so "Article 44a" or "Sections" are not structural.
    [GeneratedRegex(@"^(?<kw>part|title|chapter|section|article|amendment|phần|chương|mục|điều)\.?\s+(?<num>thứ\s+\p{L}+|[ivxlcdm]+|[0-9]{1,4})(?=$|[\s.:;,)\-–—])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StructuralHeading();
}
