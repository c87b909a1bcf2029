using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// The normal form of unit text (docs/payload-sha.md): Unicode NFC, LF line endings, no trailing whitespace on any
/// line, runs of blank lines collapsed to one, no blank lines at the start or end, no final newline.
/// Editors that add CRLF or trailing spaces therefore never change a unit's sha.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsNormal(text))
        {
            return text; // the common case for text the cutter gathered: no copy
        }
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var pendingBlank = false;
        var span = nfc.AsSpan();
        while (true)
        {
            var end = span.IndexOfAny('\r', '\n');
            var line = (end < 0 ? span : span[..end]).TrimEnd();
            if (line.IsEmpty)
            {
                pendingBlank = builder.Length > 0;
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append(pendingBlank ? "\n\n" : "\n");
                }
                builder.Append(line);
                pendingBlank = false;
            }
            if (end < 0)
            {
                break;
            }
            var skip = span[end] == '\r' && end + 1 < span.Length && span[end + 1] == '\n' ? 2 : 1;
            span = span[(end + skip)..];
        }
        return builder.ToString();
    }

    /// <summary>True when <see cref="Normalize"/> would return <paramref name="text"/> unchanged.</summary>
    private static bool IsNormal(string text)
    {
        var span = text.AsSpan();
        if (span.Contains('\r'))
        {
            return false;
        }
        var previousBlank = true; // a blank first line is a leading blank line
        while (true)
        {
            var end = span.IndexOf('\n');
            var line = end < 0 ? span : span[..end];
            if (line.IsEmpty)
            {
                if (previousBlank || end < 0)
                {
                    return false; // a leading, doubled or trailing blank line (or no text at all)
                }
                previousBlank = true;
            }
            else if (char.IsWhiteSpace(line[^1]))
            {
                return false;
            }
            else
            {
                previousBlank = false;
            }
            if (end < 0)
            {
                return text.IsNormalized(NormalizationForm.FormC);
            }
            span = span[(end + 1)..];
        }
    }
}
