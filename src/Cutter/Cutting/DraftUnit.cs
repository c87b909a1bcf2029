using System.Text;

namespace Cutter.Cutting;

/// <summary>A unit while the tree is being built: its place in the tree and its text as gathered from the source.</summary>
internal sealed class DraftUnit
{
    private readonly UnitTextBuffer _buffer;
    private int _textChildren;

    public DraftUnit(UnitTextBuffer buffer, string kind, string address, DraftUnit? parent, string heading, int? number, string? letter, int line)
    {
        _buffer = buffer;
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

    /// <summary>The text gathered so far, once the buffer has made it (<see cref="UnitTextBuffer"/>).</summary>
    internal string GatheredText { get; set; } = "";

    /// <summary>Appends a line; <paramref name="newBlock"/> separates it from the previous block by a blank line.</summary>
    public void AppendLine(ReadOnlySpan<char> line, bool newBlock, bool isBody = true)
    {
        Continue(newBlock).Append(line);
        HasBody |= isBody && !line.IsWhiteSpace();
    }

    /// <summary>Appends "<paramref name="marker"/> <paramref name="line"/>" as one line.</summary>
    public void AppendMarkedLine(ReadOnlySpan<char> marker, ReadOnlySpan<char> line, bool newBlock, bool isBody)
    {
        Continue(newBlock).Append(marker).Append(' ').Append(line);
        HasBody |= isBody && !(marker.IsWhiteSpace() && line.IsWhiteSpace());
    }

    /// <summary>The buffer with the text so far and the separator before the next line (none before the first).</summary>
    private StringBuilder Continue(bool newBlock)
    {
        var text = _buffer.TakeFor(this);
        if (text.Length > 0)
        {
            text.Append(newBlock ? "\n\n" : "\n");
        }
        return text;
    }

    public string NormalizedContent()
    {
        _buffer.ReleaseIfHeldBy(this);
        return TextNormalizer.Normalize(GatheredText);
    }
}
