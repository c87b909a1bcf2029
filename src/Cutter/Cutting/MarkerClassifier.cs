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
        var text = line.ToString();
        var clause = Clause().Match(text);
        if (clause.Success)
        {
            return new ParagraphMarker(UnitKinds.Clause,
                int.Parse(clause.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture), null, clause.Groups["m"].Value);
        }
        var point = Point().Match(text);
        if (point.Success)
        {
            return new ParagraphMarker(UnitKinds.Point, null, point.Groups["l"].Value, point.Groups["m"].Value);
        }
        return null;
    }

    [GeneratedRegex(@"^(?<m>\((?<n>[0-9]{1,3})\)|(?<n>[0-9]{1,3})[.)])(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(?<m>\((?<l>[a-zđ])\)|(?<l>[a-zđ])\))(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Point();
}
