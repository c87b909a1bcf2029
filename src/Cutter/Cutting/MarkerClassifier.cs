using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Cutting;

/// <summary>
/// Recognizes numbered paragraphs ("1.", "(1)", "1)"), lettered points ("(a)", "a)", "đ)") and roman sub-points
/// ("(ii)", "iv)") at the start of a line of a paragraph Markdig has already delimited, after
/// <see cref="ClassificationFold"/> ("（ａ）" is "(a)"). A one-letter marker that is also a Roman numeral ("(i)", "(v)")
/// is returned as a letter; <see cref="UnitTreeBuilder"/> decides between point and sub-point by what is open.
/// Ordered Markdown lists are clauses without this: Markdig gives their numbers.
/// </summary>
internal static partial class MarkerClassifier
{
    // Longer than any marker ("(viii)", "(123)") plus the character after it, so folding this much is enough.
    private const int MarkerWindow = 12;

    public static ParagraphMarker? Classify(ReadOnlySpan<char> line)
    {
        line = ClassificationFold.Fold(line[..Math.Min(line.Length, MarkerWindow)]);
        if (line.IsEmpty || !(char.IsAsciiDigit(line[0]) || line[0] == '(' || char.IsLower(line[0])))
        {
            return null; // the common case: ordinary text, decided without a regex
        }
        // The markers' lookaheads are zero-width, so the whole match is the marker: matching the span allocates nothing
        // for the ordinary line that merely starts with a digit or a lower-case letter.
        foreach (var clause in Clause().EnumerateMatches(line))
        {
            var marker = line.Slice(clause.Index, clause.Length);
            return new ParagraphMarker(UnitKinds.Clause,
                int.Parse(marker.Trim("()."), NumberStyles.None, CultureInfo.InvariantCulture), null, MarkerStrings.Of(marker));
        }
        foreach (var point in Point().EnumerateMatches(line))
        {
            var marker = line.Slice(point.Index, point.Length);
            if (marker.Trim("()").Length > 1 && !RomanNumerals.TryParse(marker.Trim("()"), out _))
            {
                return null; // "(mm)" is not a numeral
            }
            return new ParagraphMarker(UnitKinds.Point, null, MarkerStrings.Of(marker.Trim("()")), MarkerStrings.Of(marker));
        }
        return null;
    }

    [GeneratedRegex(@"^(?<m>\((?<n>[0-9]{1,3})\)|(?<n>[0-9]{1,3})[.)])(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(?<m>\((?<l>[a-zđ]|[ivxlcdm]{2,7})\)|(?<l>[a-zđ]|[ivxlcdm]{2,7})\))(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Point();
}
