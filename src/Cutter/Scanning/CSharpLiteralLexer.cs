using System.Text;

namespace Cutter.Scanning;

/// <summary>
/// Finds string literals in C# source without a compiler: regular, verbatim, raw and interpolated strings,
/// skipping comments and character literals. The run-time twin of the analyzer's "literal nodes only" rule;
/// the library carries no Roslyn, so this lexer is deliberately small.
/// </summary>
internal static class CSharpLiteralLexer
{
    public static List<CSharpLiteral> Read(string source)
    {
        var literals = new List<CSharpLiteral>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && Next(source, i) == '/')
            {
                i = SkipTo(source, i, "\n");
            }
            else if (c == '/' && Next(source, i) == '*')
            {
                i = SkipTo(source, i + 2, "*/") + 1;
            }
            else if (c == '\'')
            {
                i = SkipCharLiteral(source, i);
            }
            else if (c == '"' || ((c == '@' || c == '$') && StartsString(source, i)))
            {
                i = ReadString(source, i, literals);
            }
            else
            {
                i++;
            }
        }
        return literals;
    }

    private static bool StartsString(string s, int i)
    {
        var j = i;
        while (j < s.Length && (s[j] == '@' || s[j] == '$'))
        {
            j++;
        }
        return j < s.Length && s[j] == '"' && (i == 0 || !char.IsLetterOrDigit(s[i - 1]));
    }

    private static int ReadString(string s, int start, List<CSharpLiteral> literals)
    {
        var i = start;
        var verbatim = false;
        var dollars = 0;
        while (s[i] == '@' || s[i] == '$')
        {
            if (s[i] == '@') verbatim = true;
            else dollars++;
            i++;
        }
        var quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"')
        {
            quotes++;
        }
        if (quotes >= 3)
        {
            return ReadRaw(s, start, i + quotes, quotes, dollars, literals);
        }
        if (quotes == 2 && !verbatim)
        {
            return i + 2; // the empty string ""
        }
        i++;
        var value = new StringBuilder();
        var partStart = i;
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (depth > 0)
            {
                if (c == '{') depth++;
                else if (c == '}') depth--;
                if (depth == 0) partStart = i + 1;
                i++;
                continue;
            }
            if (verbatim && c == '"' && Next(s, i) == '"')
            {
                value.Append('"');
                i += 2;
                continue;
            }
            if (!verbatim && c == '\\' && i + 1 < s.Length)
            {
                value.Append(Unescape(s[i + 1]));
                i += 2;
                continue;
            }
            if (c == '"' || (!verbatim && c == '\n'))
            {
                break;
            }
            if (dollars > 0 && c == '{')
            {
                if (Next(s, i) == '{')
                {
                    value.Append('{');
                    i += 2;
                    continue;
                }
                // A hole ends this text part; the analyzer sees each text part as its own node.
                Emit(s, partStart, value, literals);
                depth = 1;
                i++;
                continue;
            }
            if (dollars > 0 && c == '}' && Next(s, i) == '}')
            {
                value.Append('}');
                i += 2;
                continue;
            }
            value.Append(c);
            i++;
        }
        Emit(s, dollars > 0 ? partStart : start, value, literals);
        return i + 1;
    }

    private static int ReadRaw(string s, int start, int contentStart, int quotes, int dollars, List<CSharpLiteral> literals)
    {
        var close = s.IndexOf(new string('"', quotes), contentStart, StringComparison.Ordinal);
        var end = close < 0 ? s.Length : close;
        var content = s[contentStart..end];
        if (content.Contains('\n', StringComparison.Ordinal))
        {
            // Multi-line raw string: drop the first and last lines and the closing line's indentation, as the compiler does.
            var lines = content.Split('\n');
            var indent = lines[^1].Length - lines[^1].TrimStart().Length;
            content = string.Join("\n", lines[1..^1].Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()).Select(line => line.TrimEnd('\r')));
        }
        if (dollars == 0)
        {
            literals.Add(At(s, start, content));
        }
        else
        {
            var holeOpen = new string('{', dollars);
            foreach (var part in content.Split(holeOpen))
            {
                var closeHole = part.IndexOf(new string('}', dollars), StringComparison.Ordinal);
                var text = closeHole >= 0 ? part[(closeHole + dollars)..] : part;
                if (text.Length > 0)
                {
                    literals.Add(At(s, start, text));
                }
            }
        }
        return close < 0 ? s.Length : close + quotes;
    }

    private static void Emit(string s, int offset, StringBuilder value, List<CSharpLiteral> literals)
    {
        if (value.Length > 0)
        {
            literals.Add(At(s, offset, value.ToString()));
        }
        value.Clear();
    }

    private static CSharpLiteral At(string s, int offset, string value)
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < offset; k++)
        {
            if (s[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }
        return new CSharpLiteral(value, line, offset - lineStart + 1, offset);
    }

    private static char Unescape(char c) => c switch
    {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '0' => '\0',
        _ => c,
    };

    private static int SkipCharLiteral(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '\\') j += 2;
        else j++;
        while (j < s.Length && s[j] != '\'' && s[j] != '\n') j++;
        return j + 1;
    }

    private static int SkipTo(string s, int from, string marker)
    {
        var at = s.IndexOf(marker, from, StringComparison.Ordinal);
        return at < 0 ? s.Length : at + 1;
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';
}
