using System.Text;

namespace Cutter.Cutting;

/// <summary>A unit while the tree is being built: its place in the tree and its text as gathered from the source.</summary>
internal sealed class DraftUnit
{
    // Most units are one appended line (a clause, a point): that line is kept as the unit's text, and a builder is
    // made only when a second line comes, so a large document does not pay a builder and its buffer per unit.
    private string _single = "";
    private StringBuilder? _text;
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
        if (StartsText())
        {
            _single = line.ToString();
        }
        else
        {
            Continue(newBlock).Append(line);
        }
        HasBody |= isBody && !line.IsWhiteSpace();
    }

    /// <summary>Appends "<paramref name="marker"/> <paramref name="line"/>" as one line, without building it as a string first.</summary>
    public void AppendMarkedLine(ReadOnlySpan<char> marker, ReadOnlySpan<char> line, bool newBlock, bool isBody)
    {
        if (StartsText())
        {
            _single = string.Concat(marker, " ", line);
        }
        else
        {
            Continue(newBlock).Append(marker).Append(' ').Append(line);
        }
        HasBody |= isBody && !(marker.IsWhiteSpace() && line.IsWhiteSpace());
    }

    /// <summary>True while the unit has no text yet: the next line becomes its text as it is.</summary>
    private bool StartsText() => _text is null && _single.Length == 0;

    /// <summary>The builder with the text so far and the separator before the next line.</summary>
    private StringBuilder Continue(bool newBlock)
    {
        if (_text is null)
        {
            _text = new StringBuilder(_single.Length * 2 + 64).Append(_single);
            _single = "";
        }
        if (_text.Length > 0)
        {
            _text.Append(newBlock ? "\n\n" : "\n");
        }
        return _text;
    }

    public string NormalizedContent() => TextNormalizer.Normalize(_text?.ToString() ?? _single);
}
