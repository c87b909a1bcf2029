using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Reads and writes the front matter of signed governance docs directly from and to their raw bytes, so the fields
/// a verifier acts on are exactly the fields the signature covers (never a copy parsed elsewhere).
/// Flat mapping of scalars only; anchors, aliases, nesting and duplicate keys are refused.
/// (Stand-in until the KB's shared front matter reader lands in main; the grammar is the same.)
/// </summary>
internal static class SignedFrontMatter
{
    private const string Fence = "---";

    public static (IReadOnlyDictionary<string, string> Fields, string Body) Parse(byte[] raw)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("the document is not valid UTF-8");
        }
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Fence) throw new FormatException("the document does not open with a '---' front matter line");
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd('\r') == Fence);
        if (close < 0) throw new FormatException("the front matter is not closed by a '---' line");
        var yaml = string.Join('\n', lines[1..close]);
        var body = string.Join('\n', lines[(close + 1)..]);
        return (ParseYaml(yaml), body);
    }

    private static Dictionary<string, string> ParseYaml(string yaml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        string? key = null;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias:
                        throw new FormatException("the front matter uses a YAML alias");
                    case NodeEvent node when !node.Anchor.IsEmpty:
                        throw new FormatException("the front matter declares a YAML anchor");
                    case MappingStart when ++depth > 1:
                        throw new FormatException($"the value of '{key}' is a mapping; only scalars are allowed");
                    case MappingEnd:
                        depth--;
                        break;
                    case SequenceStart:
                        throw new FormatException("the front matter holds a list; only scalars are allowed");
                    case Scalar scalar when depth == 0:
                        if (scalar.Value.Length > 0) throw new FormatException("the front matter is not a mapping");
                        break;
                    case Scalar scalar when key is null:
                        if (fields.ContainsKey(scalar.Value)) throw new FormatException($"the front matter repeats the key '{scalar.Value}'");
                        key = scalar.Value;
                        break;
                    case Scalar scalar:
                        fields.Add(key, scalar.Value);
                        key = null;
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw new FormatException($"the front matter is not valid YAML: {ex.Message}");
        }
        return fields;
    }

    /// <summary>Renders fields (in order) between fences, then the body; LF line ends, UTF-8 without BOM.</summary>
    public static byte[] Render(IEnumerable<KeyValuePair<string, string>> fields, string body)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings().WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        foreach (var (key, value) in fields)
        {
            emitter.Emit(new Scalar(key));
            emitter.Emit(new Scalar(value));
        }
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        var text = new StringBuilder().Append(Fence).Append('\n').Append(writer.ToString());
        if (text[^1] != '\n') text.Append('\n');
        text.Append(Fence).Append('\n').Append(body.ReplaceLineEndings("\n"));
        if (text[^1] != '\n') text.Append('\n');
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
