using Cutter.Configuration;

namespace Cutter.Cutting;

/// <summary>
/// Refuses Markdown nested deeper than <see cref="CuttingOptions.MaxNestingDepth"/> before Markdig parses it: Markdig spends seconds of CPU
/// on a list thousands of levels deep and then throws without naming a line. A line's nesting is at most its
/// container markers (<c>&gt;</c>, <c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>, <c>1)</c>) plus its indentation in steps
/// of two columns (the narrowest list item), so the estimate never undercounts; a real document stays far below it.
/// </summary>
internal static class NestingScreen
{
    private const int TabStop = 4;
    private const int ListItemWidth = 2;
    private const int MaxOrderedMarkerDigits = 9;

    /// <summary>Adds one error naming the first line nested deeper than <paramref name="maxDepth"/>; returns whether it did.</summary>
    public static bool Screen(string body, int firstLine, int maxDepth, DiagnosticSink sink)
    {
        var line = firstLine;
        foreach (var text in body.AsSpan().EnumerateLines())
        {
            var depth = Depth(text);
            if (depth > maxDepth)
            {
                sink.Add(CutDiagnosticRules.NestingTooDeep, line,
                    $"the line is nested about {depth} levels deep (lists, quotes, indentation); the limit is {maxDepth}: flatten the structure or {DocumentCaps.RaiseHint(DocumentCaps.MaxNestingDepthKey)}");
                return true;
            }
            line++;
        }
        return false;
    }

    private static int Depth(ReadOnlySpan<char> line)
    {
        var markers = 0;
        var columns = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') { columns++; i++; continue; }
            if (c == '\t') { columns += TabStop - columns % TabStop; i++; continue; }
            var markerEnd = c == '>' ? i + 1 : ListMarkerEnd(line, i);
            if (markerEnd < 0) break;
            markers++;
            // The blank after a marker belongs to the marker, not to the indentation of what follows.
            i = markerEnd < line.Length && line[markerEnd] is ' ' or '\t' ? markerEnd + 1 : markerEnd;
        }
        return markers + columns / ListItemWidth;
    }

    /// <summary>The index after a list marker starting at <paramref name="start"/> (the marker must be followed by a blank or the line end), or -1.</summary>
    private static int ListMarkerEnd(ReadOnlySpan<char> line, int start)
    {
        var end = start;
        if (line[end] is '-' or '*' or '+')
        {
            end++;
        }
        else
        {
            while (end < line.Length && end - start < MaxOrderedMarkerDigits && char.IsAsciiDigit(line[end])) end++;
            if (end == start || end >= line.Length || line[end] is not ('.' or ')')) return -1;
            end++;
        }
        return end == line.Length || line[end] is ' ' or '\t' ? end : -1;
    }
}
