using System.Buffers;
using Markdig;
using Markdig.Syntax;

namespace Cutter.Cutting;

/// <summary>
/// Walks the Markdig syntax tree of a document body and builds the units in document order.
/// Headings give the structure: Markdown headings nest by heading level, plain-line headings (a top-level paragraph
/// whose first line is a structural heading, <see cref="HeadingClassifier.ClassifyPlainLine"/>) by the rank of their
/// kind (<see cref="StructureRanks"/>). Ordered list items and marked paragraph lines give clauses, points and
/// sub-points, or recitals before the first structural heading; every other line belongs to the nearest open unit.
/// Unit text is taken from the source by Markdig's spans, so nothing is re-rendered and no inline is read: the body is
/// parsed with <see cref="BlockOnlyPipeline"/>, plain CommonMark blocks without the inline pass.
/// </summary>
internal sealed class UnitTreeBuilder
{
    private readonly string _body;
    private readonly int _firstLine;
    private readonly DiagnosticSink _sink;
    private readonly List<DraftUnit> _units = [];
    private readonly UnitTextBuffer _text = new();
    private readonly List<(int Level, int Rank, DraftUnit Unit)> _structure = [];
    // The top-level paragraphs that open with a plain-line heading, in document order: the walk meets them in the same
    // order, so it takes each in turn (_nextPlainHeading) instead of looking every text block up.
    private readonly List<(Block Paragraph, HeadingClass Heading)> _plainHeadings = [];
    private int _nextPlainHeading;
    private StructureRanks _ranks;
    private DraftUnit? _section;
    private DraftUnit? _clause;
    private DraftUnit? _point;
    private DraftUnit? _subPoint;
    private bool _structuralSeen;
    private int _lastRecital;

    private UnitTreeBuilder(string body, int firstLine, DiagnosticSink sink)
    {
        _body = body;
        _firstLine = firstLine;
        _sink = sink;
    }

    /// <summary>True when any Vietnamese structural heading was seen: points then follow the Vietnamese alphabet.</summary>
    public bool SawVietnamese { get; private set; }

    /// <param name="body">The body, already NFC (heading and marker detection read it as it is).</param>
    /// <param name="firstLine">The 1-based document line of the body's first line.</param>
    public static (IReadOnlyList<DraftUnit> Units, bool Vietnamese) Build(string body, int firstLine, DiagnosticSink sink)
    {
        var builder = new UnitTreeBuilder(body, firstLine, sink);
        // The top-level blocks are taken out of the document and each is let go once walked, so the tree shrinks
        // behind the walk instead of living, whole, beside every unit made from it (benchmarks/README.md, "Cutting").
        var document = Markdown.Parse(body, BlockOnlyPipeline.Pipeline);
        var count = document.Count;
        var blocks = ArrayPool<Block?>.Shared.Rent(count);
        try
        {
            document.CopyTo(blocks!, 0);
            document.Clear();
            builder.FindPlainHeadings(blocks.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                builder.Visit(blocks[i]!);
                blocks[i] = null;
            }
        }
        finally
        {
            ArrayPool<Block?>.Shared.Return(blocks, clearArray: true);
        }
        builder._text.Release();
        return (builder._units, builder.SawVietnamese);
    }

    /// <summary>
    /// Finds the plain-line headings first: which of Article and Section is the finer division depends on the whole
    /// document (<see cref="StructureRanks.For"/>). Only top-level paragraphs qualify, not text in lists or quotes.
    /// </summary>
    private void FindPlainHeadings(ReadOnlySpan<Block?> topLevelBlocks)
    {
        var englishSections = 0;
        var englishArticles = 0;
        foreach (var block in topLevelBlocks)
        {
            if (block is not ParagraphBlock paragraph)
            {
                continue;
            }
            foreach (var line in SourceLines(paragraph))
            {
                if (HeadingClassifier.ClassifyPlainLine(line.Trim()) is { } heading)
                {
                    _plainHeadings.Add((paragraph, heading));
                    englishSections += heading is { Kind: UnitKinds.Section, Vietnamese: false } ? 1 : 0;
                    englishArticles += heading is { Kind: UnitKinds.Article or UnitKinds.Amendment, Vietnamese: false } ? 1 : 0;
                }
                break;
            }
        }
        _ranks = StructureRanks.For(englishSections, englishArticles);
    }

    private void Visit(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                OnHeading(heading);
                break;
            case ListBlock { IsOrdered: true } list:
                foreach (var child in list)
                {
                    if (child is ListItemBlock item)
                    {
                        OnOrderedItem(list, item);
                    }
                }
                break;
            case ListBlock list:
                foreach (var child in list)
                {
                    if (child is ListItemBlock item)
                    {
                        VisitChildren(item, bullet: list.BulletType);
                    }
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
        if (kind.LooksStructural)
        {
            _sink.Add(CutDiagnosticRules.UnusedHeading, _firstLine + heading.Line,
                $"heading '{text}' names a structural kind but its number is not one (a strict Roman numeral or a number from 1), so it is an untitled division");
        }
        // Markdown headings nest by level: pop everything at this level or deeper.
        while (_structure.Count > 0 && _structure[^1].Level >= heading.Level)
        {
            _structure.RemoveAt(_structure.Count - 1);
        }
        OpenHeading(text, kind, heading.Level, heading.Line);
    }

    /// <summary>A plain-line heading nests by rank: it closes every open heading of its rank or finer.</summary>
    private void OnPlainHeading(string text, HeadingClass kind, int lineIndex)
    {
        var level = 1;
        if (kind.IsStructural)
        {
            var rank = _ranks.Of(kind);
            while (_structure.Count > 0 && _structure[^1].Rank >= rank)
            {
                _structure.RemoveAt(_structure.Count - 1);
            }
        }
        if (_structure.Count > 0)
        {
            level = _structure[^1].Level + 1;
        }
        OpenHeading(text, kind, level, lineIndex);
    }

    private void OpenHeading(string text, HeadingClass kind, int level, int lineIndex)
    {
        SawVietnamese |= kind.Vietnamese;
        _clause = null;
        _point = null;
        _subPoint = null;

        // Preambles and untitled divisions are leaves under the nearest enclosing structural heading, so a document's
        // title heading never becomes everyone's parent.
        var parent = _structure.Count > 0 ? _structure[^1].Unit : null;
        var address = kind.Kind switch
        {
            UnitKinds.Preamble => UnitAddress.Of(parent, UnitKinds.Preamble),
            UnitKinds.Text => UnitAddress.Of(parent, UnitKinds.Text, parent?.NextTextNumber ?? RootTextNumber()),
            _ when kind.Token is { } token => UnitAddress.Of(parent, kind.Kind, token),
            _ => UnitAddress.Of(parent, kind.Kind, kind.Number!.Value),
        };
        var unit = Add(kind.Kind, parent, address, text, kind.Number, null, lineIndex, kind.Token, kind.NumberScope);
        if (kind.IsStructural)
        {
            _structure.Add((level, _ranks.Of(kind), unit));
            _structuralSeen = true;
        }
        _section = unit;
        unit.AppendLine(text, newBlock: false, isBody: false);
    }

    private void OnOrderedItem(ListBlock list, ListItemBlock item)
    {
        var marker = MarkerStrings.Ordered(item.Order, list.OrderedDelimiter);
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

    /// <summary>
    /// Lines of a paragraph (or indented block): a plain-line heading opens a division; markers at a line start open
    /// clauses (recitals before the first structural heading), points and sub-points; "Whereas" opens a recital.
    /// </summary>
    private void OnTextLines(Block block, char? bullet, string? prefix = null)
    {
        var lineIndex = block.Line;
        var newBlock = true;
        var plainHeading = default(HeadingClass);
        if (_nextPlainHeading < _plainHeadings.Count && ReferenceEquals(_plainHeadings[_nextPlainHeading].Paragraph, block))
        {
            plainHeading = _plainHeadings[_nextPlainHeading++].Heading;
        }
        foreach (var raw in SourceLines(block))
        {
            var line = StripQuoteMarks(raw.Trim());
            if (newBlock && plainHeading.Kind is not null)
            {
                OnPlainHeading(line.ToString(), plainHeading, lineIndex);
                newBlock = false;
                lineIndex++;
                continue;
            }
            var marker = prefix is null ? MarkerClassifier.Classify(line) : null;
            if (marker is { } m)
            {
                var unit = m.Kind == UnitKinds.Clause ? StartClause(m, lineIndex) : StartPoint(m, lineIndex);
                unit.AppendLine(line, newBlock: false, isBody: line.Length > m.Text.Length);
            }
            else if (newBlock && prefix is null && bullet is null && IsWhereas(line))
            {
                var recital = StartRecital(new ParagraphMarker(UnitKinds.Recital, _lastRecital + 1, null, "Whereas"), lineIndex);
                recital.AppendLine(line, newBlock: false);
            }
            else
            {
                if (!newBlock && block is ParagraphBlock && HeadingClassifier.ClassifyPlainLine(line) is { IsStructural: true })
                {
                    _sink.Add(CutDiagnosticRules.UnusedHeading, _firstLine + lineIndex,
                        $"'{line}' looks like a structural heading but is inside a paragraph, so it stays text of the unit above; put a blank line before it to make it a heading");
                }
                var target = _subPoint ?? _point ?? _clause ?? _section ?? EnsurePreamble(lineIndex);
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
            }
            prefix = null;
            newBlock = false;
            lineIndex++;
        }
    }

    /// <summary>A "Whereas" recital: before any structural heading, a paragraph opening "Whereas " or "WHEREAS,".</summary>
    private bool IsWhereas(ReadOnlySpan<char> line) =>
        !_structuralSeen && line.Length > 8 && line.StartsWith("whereas", StringComparison.OrdinalIgnoreCase) && line[7] is ' ' or ',';

    /// <summary>Fenced code, HTML and other leaves: kept verbatim in the nearest unit, never read for markers.</summary>
    private void OnVerbatim(Block block)
    {
        var target = _subPoint ?? _point ?? _clause ?? _section ?? EnsurePreamble(block.Line);
        var newBlock = true;
        foreach (var line in SourceLines(block))
        {
            target.AppendLine(line, newBlock);
            newBlock = false;
        }
    }

    private DraftUnit StartClause(ParagraphMarker marker, int lineIndex)
    {
        if (!_structuralSeen && _section is null or { Kind: UnitKinds.Preamble or UnitKinds.Text, Parent: null })
        {
            return StartRecital(marker, lineIndex); // "(1)" before any article is a recital, not a clause of a title
        }
        var parent = _section ?? EnsurePreamble(lineIndex);
        if (_clause is null && _point is not null)
        {
            // "(a) ... (1) ..." as US codes nest them: the cutter nests points in clauses, so say where (1) went.
            _sink.Add(CutDiagnosticRules.ClauseAfterPoint, _firstLine + lineIndex,
                $"clause '{marker.Text}' follows point '{_point.Heading}' of {parent.Address}; it is cut as a clause of {parent.Address}, not as part of the point (points nest in clauses: 1. (a) (i))");
        }
        _clause = Add(UnitKinds.Clause, parent, UnitAddress.Of(parent, UnitKinds.Clause, marker.Number!.Value),
            marker.Text, marker.Number, null, lineIndex);
        _point = null;
        _subPoint = null;
        return _clause;
    }

    /// <summary>Recitals are numbered through the document at its root; the lines after one belong to it.</summary>
    private DraftUnit StartRecital(ParagraphMarker marker, int lineIndex)
    {
        _lastRecital = marker.Number!.Value;
        _clause = Add(UnitKinds.Recital, null, UnitAddress.Of(null, UnitKinds.Recital, marker.Number.Value),
            marker.Text, marker.Number, null, lineIndex);
        _point = null;
        _subPoint = null;
        return _clause;
    }

    /// <summary>
    /// A lettered marker is a point, and a Roman one a sub-point of the open point, by the rule in docs/cutting.md:
    /// "(ii)" and longer numerals are sub-points; a one-letter numeral continuing the open sub-point run ("(v)" after
    /// "(iv)") is one; "(i)" is the point letter i right after point (h) and the sub-point one everywhere else.
    /// </summary>
    private DraftUnit StartPoint(ParagraphMarker marker, int lineIndex)
    {
        var letter = marker.Letter!;
        if (RomanNumerals.TryParse(letter, out var roman) && IsSubPoint(letter, roman))
        {
            var owner = _point ?? _clause ?? _section ?? EnsurePreamble(lineIndex);
            _subPoint = Add(UnitKinds.Subpoint, owner, UnitAddress.Of(owner, UnitKinds.Subpoint, roman),
                marker.Text, roman, null, lineIndex);
            return _subPoint;
        }
        var parent = _clause ?? _section ?? EnsurePreamble(lineIndex);
        _point = Add(UnitKinds.Point, parent, UnitAddress.Of(parent, UnitKinds.Point, PointAlphabet.AddressToken(letter)),
            marker.Text, null, letter, lineIndex);
        _subPoint = null;
        return _point;
    }

    private bool IsSubPoint(string letter, int roman) =>
        letter.Length > 1
        || (_subPoint is not null && roman == _subPoint.Number + 1)
        || (letter == "i" && _subPoint is null && _point?.Letter != "h");

    /// <summary>Untitled text before the first heading becomes the preamble.</summary>
    private DraftUnit EnsurePreamble(int lineIndex)
    {
        _section = Add(UnitKinds.Preamble, null, UnitAddress.Of(null, UnitKinds.Preamble), "", null, null, lineIndex);
        return _section;
    }

    private DraftUnit Add(string kind, DraftUnit? parent, string address, string heading, int? number, string? letter, int lineIndex,
        string? numberText = null, string numberScope = "")
    {
        var unit = new DraftUnit(_text, kind, address, parent, heading, number, letter, _firstLine + lineIndex)
        {
            NumberText = numberText,
            NumberScope = numberScope,
        };
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
