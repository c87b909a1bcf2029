using System.Text;

namespace Cutter.Cutting;

/// <summary>A unit while the tree is being built: its place in the tree and its text as gathered from the source.</summary>
internal sealed class DraftUnit
{
    // Sized for a typical clause, so most units fill one buffer instead of a chain of small chunks.
    private readonly StringBuilder _text = new(128);
    private int _textChildren;

    public DraftUnit(string kind, string address, DraftUnit? parent, string heading, int? number, string? letter, int line)
    {
        Kind = kind;
        Address = address;
        Parent = parent;
        Heading = heading;
        Number = number;
        Letter = letter;
        Line = line;
    }

    public string Kind { get; }
    public string Address { get; }
    public DraftUnit? Parent { get; }
    public string Heading { get; }
    public int? Number { get; }
    public string? Letter { get; }
    /// <summary>For a decimal number ("1.01"): the number as written; null otherwise.</summary>
    public string? NumberText { get; init; }
    /// <summary>For a decimal number: the part before its last component ("1."), which scopes its numbering sequence.</summary>
    public string NumberScope { get; init; } = "";
    /// <summary>1-based line in the stored document where the unit starts.</summary>
    public int Line { get; }
    public int ChildCount { get; private set; }
    /// <summary>True once any line beyond the heading or marker has been added.</summary>
    public bool HasBody { get; private set; }

    public void AddChild(string kind)
    {
        ChildCount++;
        if (kind == UnitKinds.Text)
        {
            _textChildren++;
        }
    }

    /// <summary>The number the next untitled division under this unit gets (<c>text-N</c>).</summary>
    public int NextTextNumber => _textChildren + 1;

    /// <summary>Appends a line; <paramref name="newBlock"/> separates it from the previous block by a blank line.</summary>
    public void AppendLine(ReadOnlySpan<char> line, bool newBlock, bool isBody = true)
    {
        if (_text.Length > 0)
        {
            _text.Append(newBlock ? "\n\n" : "\n");
        }
        _text.Append(line);
        HasBody |= isBody && !line.IsWhiteSpace();
    }

    /// <summary>Appends "<paramref name="marker"/> <paramref name="line"/>" as one line, without building it as a string first.</summary>
    public void AppendMarkedLine(ReadOnlySpan<char> marker, ReadOnlySpan<char> line, bool newBlock, bool isBody)
    {
        if (_text.Length > 0)
        {
            _text.Append(newBlock ? "\n\n" : "\n");
        }
        _text.Append(marker).Append(' ').Append(line);
        HasBody |= isBody && !(marker.IsWhiteSpace() && line.IsWhiteSpace());
    }

    public string NormalizedContent() => TextNormalizer.Normalize(_text.ToString());

    public static string ChildAddress(DraftUnit? parent, string segment) =>
        parent is null ? segment : parent.Address + "/" + segment;
}
