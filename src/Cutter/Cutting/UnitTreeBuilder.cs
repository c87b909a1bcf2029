using System.Globalization;
using Markdig;
using Markdig.Syntax;

namespace Cutter.Cutting;

/// <summary>
/// Walks the Markdig syntax tree of a document body and builds the units in document order.
/// Headings give the structure (nesting by heading level among structural headings); ordered list items and
/// marked paragraph lines give clauses and points; every other line belongs to the nearest open unit.
/// Unit text is taken from the source by Markdig's spans, so nothing is re-rendered.
/// </summary>
internal sealed class UnitTreeBuilder
{
    /// <summary>The one pipeline the cutter parses with (plain CommonMark); the benchmark parses with it too.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().Build();

    private readonly string _body;
    private readonly int _firstLine;
    private readonly List<DraftUnit> _units = [];
    private readonly List<(int Level, DraftUnit Unit)> _structure = [];
    private DraftUnit? _section;
    private DraftUnit? _clause;
    private DraftUnit? _point;
    private DraftUnit? _lastTarget;

    private UnitTreeBuilder(string body, int firstLine)
    {
        _body = body;
        _firstLine = firstLine;
    }

    /// <summary>True when any Vietnamese structural heading was seen: points then follow the Vietnamese alphabet.</summary>
    public bool SawVietnamese { get; private set; }

    /// <param name="firstLine">The 1-based document line of the body's first line.</param>
    public static (IReadOnlyList<DraftUnit> Units, bool Vietnamese) Build(string body, int firstLine)
    {
        var builder = new UnitTreeBuilder(body, firstLine);
        var document = Markdown.Parse(body, Pipeline);
        foreach (var block in document)
        {
            builder.Visit(block);
        }
        return (builder._units, builder.SawVietnamese);
    }

    private void Visit(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                OnHeading(heading);
                break;
            case ListBlock { IsOrdered: true } list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    OnOrderedItem(list, item);
                }
                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    VisitChildren(item, bullet: list.BulletType);
                }
                break;
            case ContainerBlock container:
                VisitChildren(container, bullet: null);
                break;
            case ThematicBreakBlock:
                break;
            case ParagraphBlock or CodeBlock and not FencedCodeBlock:
                OnTextLines(block, bullet: null);
                break;
            default:
                OnVerbatim(block);
                break;
        }
    }

    private void VisitChildren(ContainerBlock container, char? bullet)
    {
        var first = true;
        foreach (var child in container)
        {
            if (first && bullet is not null && child is ParagraphBlock paragraph)
            {
                OnTextLines(paragraph, bullet);
            }
            else
            {
                Visit(child);
            }
            first = false;
        }
    }

    private void OnHeading(HeadingBlock heading)
    {
        var text = HeadingText(heading);
        var kind = HeadingClassifier.Classify(text);
        SawVietnamese |= kind.Vietnamese;
        _clause = null;
        _point = null;

        // Structural headings nest by Markdown level; preambles and untitled divisions are leaves under the
        // nearest enclosing structural heading, so a document's title heading never becomes everyone's parent.
        while (_structure.Count > 0 && _structure[^1].Level >= heading.Level)
        {
            _structure.RemoveAt(_structure.Count - 1);
        }
        var parent = _structure.Count > 0 ? _structure[^1].Unit : null;
        var segment = kind.Kind switch
        {
            UnitKinds.Preamble => UnitKinds.AddressPrefix(UnitKinds.Preamble),
            UnitKinds.Text => Segment(UnitKinds.Text, (parent?.NextTextNumber ?? RootTextNumber()).ToString(CultureInfo.InvariantCulture)),
            _ => Segment(kind.Kind, kind.Number!.Value.ToString(CultureInfo.InvariantCulture)),
        };
        var unit = Add(kind.Kind, parent, segment, text, kind.Number, null, heading.Line);
        if (kind.Kind is not (UnitKinds.Preamble or UnitKinds.Text))
        {
            _structure.Add((heading.Level, unit));
        }
        _section = unit;
        unit.AppendLine(text, newBlock: false, isBody: false);
        _lastTarget = unit;
    }

    private void OnOrderedItem(ListBlock list, ListItemBlock item)
    {
        var marker = item.Order.ToString(CultureInfo.InvariantCulture) + list.OrderedDelimiter;
        var clause = StartClause(new ParagraphMarker(UnitKinds.Clause, item.Order, null, marker), item.Line);
        var first = true;
        foreach (var child in item)
        {
            if (first && child is ParagraphBlock paragraph)
            {
                OnTextLines(paragraph, bullet: null, prefix: marker);
            }
            else
            {
                Visit(child);
            }
            first = false;
        }
        if (first)
        {
            clause.AppendLine(marker, newBlock: false, isBody: false);
        }
    }

    /// <summary>Lines of a paragraph (or indented block): markers at a line start open clauses and points.</summary>
    private void OnTextLines(Block block, char? bullet, string? prefix = null)
    {
        var lineIndex = block.Line;
        var newBlock = true;
        foreach (var raw in SourceLines(block))
        {
            var line = StripQuoteMarks(raw.Trim());
            var marker = prefix is null ? MarkerClassifier.Classify(line) : null;
            if (marker is { } m)
            {
                var unit = m.Kind == UnitKinds.Clause ? StartClause(m, lineIndex) : StartPoint(m, lineIndex);
                unit.AppendLine(line, newBlock: false, isBody: line.Length > m.Text.Length);
            }
            else
            {
                var target = _point ?? _clause ?? _section ?? EnsurePreamble(lineIndex);
                if (prefix is not null)
                {
                    // The first line of an ordered list item: Markdig consumed its marker, the content keeps it.
                    target.AppendMarkedLine(prefix, line, newBlock, isBody: line.Length > 0);
                }
                else if (bullet is { } b && newBlock)
                {
                    target.AppendMarkedLine([b], line, newBlock: true, isBody: true);
                }
                else
                {
                    target.AppendLine(line, newBlock);
                }
                _lastTarget = target;
            }
            prefix = null;
            newBlock = false;
            lineIndex++;
        }
    }

    /// <summary>Fenced code, HTML and other leaves: kept verbatim in the nearest unit, never read for markers.</summary>
    private void OnVerbatim(Block block)
    {
        var target = _point ?? _clause ?? _section ?? EnsurePreamble(block.Line);
        var newBlock = true;
        foreach (var line in SourceLines(block))
        {
            target.AppendLine(line, newBlock);
            newBlock = false;
        }
        _lastTarget = target;
    }

    private DraftUnit StartClause(ParagraphMarker marker, int lineIndex)
    {
        var parent = _section ?? EnsurePreamble(lineIndex);
        _clause = Add(UnitKinds.Clause, parent, Segment(UnitKinds.Clause, marker.Number!.Value.ToString(CultureInfo.InvariantCulture)),
            marker.Text, marker.Number, null, lineIndex);
        _point = null;
        _lastTarget = _clause;
        return _clause;
    }

    private DraftUnit StartPoint(ParagraphMarker marker, int lineIndex)
    {
        var parent = _clause ?? _section ?? EnsurePreamble(lineIndex);
        _point = Add(UnitKinds.Point, parent, Segment(UnitKinds.Point, PointAlphabet.AddressToken(marker.Letter!)),
            marker.Text, null, marker.Letter, lineIndex);
        _lastTarget = _point;
        return _point;
    }

    /// <summary>Untitled text before the first heading becomes the preamble.</summary>
    private DraftUnit EnsurePreamble(int lineIndex)
    {
        _section = Add(UnitKinds.Preamble, null, UnitKinds.AddressPrefix(UnitKinds.Preamble), "", null, null, lineIndex);
        _lastTarget = _section;
        return _section;
    }

    private DraftUnit Add(string kind, DraftUnit? parent, string segment, string heading, int? number, string? letter, int lineIndex)
    {
        var unit = new DraftUnit(kind, DraftUnit.ChildAddress(parent, segment), parent, heading, number, letter, _firstLine + lineIndex);
        parent?.AddChild(kind);
        if (parent is null && kind == UnitKinds.Text)
        {
            _rootTexts++;
        }
        _units.Add(unit);
        return unit;
    }

    private int _rootTexts;

    private int RootTextNumber() => _rootTexts + 1;

    private static string Segment(string kind, string token) => UnitKinds.AddressPrefix(kind) + "-" + token;

    private string HeadingText(HeadingBlock heading)
    {
        if (heading.IsSetext)
        {
            // The last line is the === or --- underline.
            var lines = new List<string>();
            foreach (var line in SourceLines(heading))
            {
                lines.Add(line.Trim().ToString());
            }
            return string.Join(' ', lines.Take(lines.Count - 1));
        }
        var text = ReadOnlySpan<char>.Empty;
        foreach (var line in SourceLines(heading))
        {
            text = line.Trim();
            break;
        }
        text = text.TrimStart('#').Trim();
        // An ATX closing sequence (" ##") is not part of the heading.
        var closing = text.TrimEnd('#');
        return (closing.Length < text.Length && (closing.Length == 0 || closing[^1] == ' ') ? closing.TrimEnd() : text).ToString();
    }

    /// <summary>The source lines a block covers, from its span; the first starts where the block does.</summary>
    private SourceLineReader SourceLines(Block block) =>
        block.Span.IsEmpty
            ? new SourceLineReader(ReadOnlySpan<char>.Empty)
            : new SourceLineReader(_body.AsSpan(block.Span.Start, Math.Min(block.Span.Length, _body.Length - block.Span.Start)));

    private static ReadOnlySpan<char> StripQuoteMarks(ReadOnlySpan<char> line)
    {
        while (line.Length > 0 && line[0] == '>')
        {
            line = line[1..].TrimStart();
        }
        return line;
    }
}
