using System.Globalization;
using System.Text;
using Cutter.Domain;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cutter.Knowledge;

/// <summary>
/// The one reader (and writer) of YAML front matter: KB documents and signed governance docs both go through it, so
/// the KB and the signature verifier read the same fields from the same bytes.
/// <para>
/// The exact rule (docs/cutting.md, "The front matter"): the bytes are strict UTF-8; one leading byte-order mark is
/// skipped; lines end at LF, and a CR just before the LF belongs to the line end (a lone CR does not end a line).
/// Line 1 must be exactly <c>---</c>. The front matter ends at the next line that is exactly <c>---</c>. Nothing else
/// is a fence: a <c>---</c> with trailing spaces or tabs, or a YAML <c>...</c> end line, is YAML text, where it
/// starts or ends a second YAML document and is refused. The body is every byte after the closing fence's line end.
/// </para>
/// Parsing walks YamlDotNet's event stream so that hostile YAML is refused before any object is built: anchors and
/// aliases (the "billion laughs" bomb) and duplicate keys (which YAML libraries silently resolve differently) are
/// errors carrying the offending line.
/// </summary>
internal static class KbFrontMatter
{
    private const string Fence = "---";

    /// <summary>
    /// Decodes <paramref name="raw"/> as strict UTF-8 and reads its front matter fields and body; every problem is an
    /// <see cref="InvalidInputException"/> naming <paramref name="source"/> and the line.
    /// </summary>
    public static (IReadOnlyDictionary<string, string> Fields, FrontMatterSplit Split) Read(ReadOnlySpan<byte> raw, string source)
    {
        var text = Utf8Text.DecodeStrict(raw, source);
        var split = Split(text, source);
        return (Parse(split.Yaml, source, split.YamlFirstLine), split);
    }

    /// <summary>Cuts <paramref name="text"/> into its YAML and body. The text must open with a <c>---</c> line.</summary>
    public static FrontMatterSplit Split(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        var firstLineEnd = LineEnd(text, start, out var firstNext);
        if (!IsFence(text.AsSpan(start, firstLineEnd - start)))
        {
            throw new KbFrontMatterException(source, 1, "is missing: the document must open with a '---' line");
        }

        var line = 2;
        var position = firstNext;
        while (position < text.Length)
        {
            var end = LineEnd(text, position, out var next);
            if (IsFence(text.AsSpan(position, end - position)))
            {
                var yaml = text[firstNext..position];
                var body = next >= text.Length ? "" : text[next..];
                return new FrontMatterSplit(yaml, 2, body, line + 1);
            }
            position = next;
            line++;
        }
        throw new KbFrontMatterException(source, 1, "is not closed: no '---' line ends it");
    }

    /// <summary>
    /// Where the body starts in <paramref name="raw"/> (valid UTF-8), by the same rule as <see cref="Split"/>: the byte
    /// after the closing fence's line end; -1 when the front matter is missing or not closed (then <see cref="Split"/>
    /// of the decoded text names the problem). The fences and LF are ASCII and a UTF-8 multi-byte sequence holds no
    /// ASCII byte, so the lines here are exactly the decoded text's. Lets a large document's body be decoded on its own
    /// instead of decoding the whole text and copying the body out of it.
    /// </summary>
    public static int BodyByteOffset(ReadOnlySpan<byte> raw)
    {
        var position = raw.StartsWith("\uFEFF"u8) ? 3 : 0;
        var first = true;
        while (position < raw.Length)
        {
            var newline = raw[position..].IndexOf((byte)'\n');
            var next = newline < 0 ? raw.Length : position + newline + 1;
            var line = raw[position..(newline < 0 ? raw.Length : position + newline)];
            line = newline >= 0 && line.EndsWith((byte)'\r') ? line[..^1] : line; // as LineEnd: a CR ends a line only before its LF
            var fence = line.SequenceEqual("---"u8);
            if (first != fence)
            {
                return first ? -1 : next; // line 1 is not a fence, or this line closes the front matter
            }
            if (first && newline < 0)
            {
                return -1;
            }
            first = false;
            position = next;
        }
        return -1;
    }

    /// <summary>
    /// Parses front matter YAML into a dictionary. <paramref name="firstLine"/> is the document line the YAML starts on.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string yaml, string source, int firstLine)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(yaml));
        var documents = 0;
        var depth = 0;
        string? pendingKey = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var line = firstLine + (int)current.Start.Line - 1;
                switch (current)
                {
                    case AnchorAlias alias:
                        throw new KbFrontMatterException(source, line, $"uses the alias '*{alias.Value}': aliases and anchors are refused");
                    case NodeEvent node when !node.Anchor.IsEmpty:
                        throw new KbFrontMatterException(source, line, $"declares the anchor '&{node.Anchor}': aliases and anchors are refused");
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw new KbFrontMatterException(source, line, "holds more than one YAML document");
                        }
                        break;
                    case MappingStart:
                        if (++depth > 1)
                        {
                            throw new KbFrontMatterException(source, line, $"value of '{pendingKey}' is a mapping: only scalar values are allowed");
                        }
                        break;
                    case MappingEnd:
                        depth--;
                        break;
                    case SequenceStart:
                        throw new KbFrontMatterException(source, line, depth == 0
                            ? "is a list: it must be a mapping of keys to values"
                            : $"value of '{pendingKey}' is a list: only scalar values are allowed");
                    case Scalar scalar when depth == 0:
                        if (scalar.Value.Length > 0)
                        {
                            throw new KbFrontMatterException(source, line, "is a bare value: it must be a mapping of keys to values");
                        }
                        break;
                    case Scalar scalar when pendingKey is null:
                        ValidateKey(scalar.Value, source, line);
                        if (fields.ContainsKey(scalar.Value))
                        {
                            throw new KbFrontMatterException(source, line, $"repeats the key '{scalar.Value}': duplicate keys are refused");
                        }
                        pendingKey = scalar.Value;
                        break;
                    case Scalar scalar:
                        fields.Add(pendingKey, scalar.Value);
                        pendingKey = null;
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new KbFrontMatterException(source, firstLine + (int)ex.Start.Line - 1, $"is not valid YAML: {ex.Message}");
        }
        return fields;
    }

    /// <summary>Renders fields, in the order given, as a fenced front matter block ending with a newline.</summary>
    public static string Render(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings().WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            ValidateKey(key, "front matter", 0);
            if (!seen.Add(key))
            {
                throw new KbFrontMatterException("front matter", 0, $"repeats the key '{key}': duplicate keys are refused");
            }
            emitter.Emit(new Scalar(key));
            emitter.Emit(new Scalar(value ?? ""));
        }
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        var yaml = writer.ToString();
        var builder = new StringBuilder(yaml.Length + 8);
        builder.Append(Fence).Append('\n').Append(yaml);
        if (!yaml.EndsWith('\n'))
        {
            builder.Append('\n');
        }
        return builder.Append(Fence).Append('\n').ToString();
    }

    private static void ValidateKey(string key, string source, int line)
    {
        var valid = key.Length is > 0 and <= 64 && char.IsAsciiLetter(key[0]);
        foreach (var c in key)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
        }
        if (!valid)
        {
            throw new KbFrontMatterException(source, line, $"key '{key}' must be 1-64 ASCII letters, digits, '_' or '-', starting with a letter");
        }
    }

    // Exactly "---": a looser fence (trailing blanks, "...") is how two readers came to split one document differently.
    private static bool IsFence(ReadOnlySpan<char> line) => line.SequenceEqual(Fence);

    /// <summary>End of the line starting at <paramref name="start"/> (exclusive of CR/LF) and where the next line starts.</summary>
    private static int LineEnd(string text, int start, out int next)
    {
        var newline = text.IndexOf('\n', start);
        if (newline < 0)
        {
            next = text.Length;
            return text.Length;
        }
        next = newline + 1;
        return newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
    }
}
