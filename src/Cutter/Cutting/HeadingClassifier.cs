using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Cutting;

/// <summary>
/// Recognizes structural headings: English Part / Title / Chapter / Section (also "Sec." and "§") / Article (also
/// "Art.") / Amendment / Annex / Schedule / Appendix and Vietnamese Phần / Chương / Mục / Tiểu mục / Điều, numbered in
/// Arabic, decimal ("1.01", "2.3.1") or Roman numerals, by a letter for parts and annexes ("Appendix B"), or by a
/// Vietnamese ordinal ("Phần thứ nhất"). Text is read after <see cref="ClassificationFold"/>, so full-width forms and
/// no-break spaces classify like ASCII. <see cref="Classify"/> reads a Markdown heading's text (anything is a heading
/// there; what names no structural kind is <see cref="UnitKinds.Text"/>); <see cref="ClassifyPlainLine"/> decides
/// whether a plain paragraph line is a heading at all, by the stricter rule in docs/cutting.md ("Plain-line headings").
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
        var text = ClassificationFold.Fold(headingText.AsSpan().Trim());
        if (IsPreamble(text))
        {
            return new HeadingClass(UnitKinds.Preamble, null, false);
        }
        return Structural(text, out _) ?? new HeadingClass(UnitKinds.Text, null, false, LooksStructural: LooksStructural(text));
    }

    /// <summary>
    /// The heading a plain line (a paragraph's line, not a Markdown heading) is, or null when it is text. The keyword
    /// must be capitalized, and after the number comes the end of the line, punctuation (". Phạm vi điều chỉnh",
    /// ": Scope", "– Scope"), anything after a "§" number, or a title with no lower-case word of four or more letters before its first period
    /// ("ARTICLE II DECLARATION OF PRINCIPLES", "Section 1.01 Registered Office."), so "Article 5 of this Law applies"
    /// stays text.
    /// </summary>
    public static HeadingClass? ClassifyPlainLine(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty || !(char.IsUpper(line[0]) || line[0] == '§'))
        {
            return null; // the common case: decided without a regex
        }
        var text = ClassificationFold.Fold(line);
        if (IsPreamble(text))
        {
            return new HeadingClass(UnitKinds.Preamble, null, false);
        }
        var heading = Structural(text, out var matchLength);
        if (heading is null)
        {
            return null;
        }
        var rest = text[matchLength..];
        var trimmed = rest.TrimStart();
        // A line opening with "§" and a number is a heading whatever its title says (codes write titles in sentence
        // case: "§ 312.1 Scope of regulations in this part."); prose cites "§ 312.4(b)", which is not a number alone.
        if (trimmed.IsEmpty || text[0] == '§' || trimmed[0] is '.' or ':' or '-' or '–' or '—')
        {
            return heading;
        }
        return trimmed.Length < rest.Length && IsTitle(trimmed) ? heading : null;
    }

    private static HeadingClass? Structural(ReadOnlySpan<char> text, out int matchLength)
    {
        matchLength = 0;
        foreach (var match in StructuralHeading().EnumerateMatches(text))
        {
            var found = text.Slice(match.Index, match.Length);
            var (kind, vietnamese, keywordLength) = Keyword(found);
            var token = found[keywordLength..].TrimStart('.').Trim();
            if (!TryNumber(kind, token, out var number, out var decimalToken, out var scope))
            {
                return null;
            }
            matchLength = match.Length;
            return new HeadingClass(kind, number, vietnamese, decimalToken, scope);
        }
        return null;
    }

    private static bool LooksStructural(ReadOnlySpan<char> text) => KeywordThenToken().IsMatch(text);

    private static (string Kind, bool Vietnamese, int Length) Keyword(ReadOnlySpan<char> heading)
    {
        if (heading[0] == '§')
        {
            return (UnitKinds.Section, false, 1);
        }
        var end = heading.IndexOfAny(' ', '.', '\t');
        var word = heading[..end].ToString().ToLower(CultureInfo.InvariantCulture);
        if (word == "tiểu")
        {
            // "Tiểu mục": the keyword is two words.
            var second = heading[end..].TrimStart();
            return (UnitKinds.Subsection, true, heading.Length - second.Length + second.IndexOfAny(' ', '.', '\t'));
        }
        return word switch
        {
            "part" => (UnitKinds.Part, false, end),
            "title" => (UnitKinds.Title, false, end),
            "chapter" => (UnitKinds.Chapter, false, end),
            "section" or "sec" => (UnitKinds.Section, false, end),
            "article" or "art" => (UnitKinds.Article, false, end),
            "amendment" => (UnitKinds.Amendment, false, end),
            "annex" => (UnitKinds.Annex, false, end),
            "schedule" => (UnitKinds.Schedule, false, end),
            "appendix" => (UnitKinds.Appendix, false, end),
            "phần" => (UnitKinds.Part, true, end),
            "chương" => (UnitKinds.Chapter, true, end),
            "mục" => (UnitKinds.Section, true, end),
            _ => (UnitKinds.Article, true, end),
        };
    }

    // Compared as spans: every paragraph's first line that starts with a capital comes here, so no copy is made.
    private static bool IsPreamble(ReadOnlySpan<char> text)
    {
        var bare = text.TrimEnd(".:");
        return bare.Equals("preamble", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("lời nói đầu", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("lời mở đầu", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryNumber(string kind, ReadOnlySpan<char> token, out int number, out string? decimalToken, out string scope)
    {
        decimalToken = null;
        scope = "";
        if (token.StartsWith("thứ", StringComparison.OrdinalIgnoreCase))
        {
            var word = token[3..].Trim().ToString().ToLower(CultureInfo.InvariantCulture);
            return VietnameseOrdinals.TryGetValue(word, out number);
        }
        if (char.IsAsciiDigit(token[0]))
        {
            var lastDot = token.LastIndexOf('.');
            if (lastDot > 0)
            {
                decimalToken = token.ToString();
                scope = token[..(lastDot + 1)].ToString();
            }
            return int.TryParse(token[(lastDot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
        }
        // Parts and annexes may be lettered ("Part B", "Appendix C"); I, V and X stay Roman numerals there.
        if (token.Length == 1 && LettersAllowed(kind) && char.ToUpperInvariant(token[0]) is not ('I' or 'V' or 'X'))
        {
            number = char.ToUpperInvariant(token[0]) - 'A' + 1;
            return true;
        }
        return RomanNumerals.TryParse(token, out number);
    }

    private static bool LettersAllowed(string kind) => kind is UnitKinds.Part or UnitKinds.Annex or UnitKinds.Schedule or UnitKinds.Appendix;

    /// <summary>A title after the number: no lower-case word of four or more letters before the first period.</summary>
    private static bool IsTitle(ReadOnlySpan<char> text)
    {
        var period = text.IndexOf('.');
        var title = period < 0 ? text : text[..period];
        if (!char.IsUpper(title[0]) && !char.IsAsciiDigit(title[0]) && title[0] != '(')
        {
            return false;
        }
        foreach (var range in title.Split(' '))
        {
            var word = title[range];
            if (word.Length >= 4 && char.IsLower(word[0]))
            {
                return false;
            }
        }
        return true;
    }

    // The keyword may carry a period ("Article. I." as the engrossed US Constitution writes it, "Sec. 4"); "§" needs no
    // space. The number must be followed by the end, a space or punctuation, so "Article 44a" or "Sections" are not
    // structural; a decimal number keeps its dots ("Section 1.01"), a trailing period is punctuation ("Section 8.").
    [GeneratedRegex(@"^(?:(?:part|title|chapter|section|sec|article|art|amendment|annex|schedule|appendix|phần|chương|tiểu\s+mục|mục|điều)\.?\s+|§\s*)(?:thứ\s+\p{L}+|[0-9]{1,4}(?:\.[0-9]{1,4}){0,3}|[ivxlcdm]+|[a-z])(?=$|[\s.:;,)\-–—])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StructuralHeading();

    // A structural keyword followed by something number-like that is not a valid number ("Article IIII", "Chapter 0").
    [GeneratedRegex(@"^(?:part|title|chapter|section|article|amendment|annex|schedule|appendix|phần|chương|tiểu\s+mục|mục|điều)\.?\s+(?:[0-9]+|[ivxlcdm]+)(?=$|[\s.:;,)\-–—])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeywordThenToken();
}
