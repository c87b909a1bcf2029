using System.Buffers;

namespace Cutter.Cutting;

/// <summary>
/// The compatibility folding applied to a line (already NFC) before it is read for a heading or a marker, never to the
/// stored text: full-width ASCII forms (U+FF01–U+FF5E, "Ａｒｔｉｃｌｅ　１", "（ａ）") become ASCII, and the
/// no-break and fixed-width spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000) become a space. Every fold maps
/// one UTF-16 unit to one, so positions in the folded line are positions in the source line.
/// </summary>
internal static class ClassificationFold
{
    private static readonly SearchValues<char> Foldable = SearchValues.Create(
        "\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000" + FullWidthForms());

    /// <summary>The line as the classifiers read it; the line itself (no copy) when nothing folds, the common case.</summary>
    public static ReadOnlySpan<char> Fold(ReadOnlySpan<char> line)
    {
        var first = line.IndexOfAny(Foldable);
        if (first < 0)
        {
            return line;
        }
        var folded = line.ToArray();
        for (var i = first; i < folded.Length; i++)
        {
            folded[i] = FoldChar(folded[i]);
        }
        return folded;
    }

    private static char FoldChar(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000' => ' ',
        _ => c,
    };

    private static string FullWidthForms()
    {
        var forms = new char[0xFF5E - 0xFF01 + 1];
        for (var i = 0; i < forms.Length; i++)
        {
            forms[i] = (char)(0xFF01 + i);
        }
        return new string(forms);
    }
}
