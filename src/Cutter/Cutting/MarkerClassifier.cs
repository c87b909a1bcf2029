using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Cutting;

/// <summary>
/// Recognizes numbered paragraphs ("1.", "(1)", "1)") and lettered points ("(a)", "a)", "đ)") at the start of a line of
/// a paragraph Markdig has already delimited. Ordered Markdown lists are clauses without this: Markdig gives their numbers.
/// </summary>
internal static partial class MarkerClassifier
{
    public static ParagraphMarker? Classify(ReadOnlySpan<char> line)
    {
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
                int.Parse(marker.Trim("()."), NumberStyles.None, CultureInfo.InvariantCulture), null, marker.ToString());
        }
        foreach (var point in Point().EnumerateMatches(line))
        {
            var marker = line.Slice(point.Index, point.Length);
            return new ParagraphMarker(UnitKinds.Point, null, marker.Trim("()").ToString(), marker.ToString());
        }
        return null;
    }

    [GeneratedRegex(@"^(?<m>\((?<n>[0-9]{1,3})\)|(?<n>[0-9]{1,3})[.)])(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(?<m>\((?<l>[a-zđ])\)|(?<l>[a-zđ])\))(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Point();
}
