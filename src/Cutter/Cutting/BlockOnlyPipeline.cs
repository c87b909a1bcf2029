using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Cutter.Cutting;

/// <summary>
/// The pipeline the cutter parses with: Markdig's default CommonMark block parsing, without the inline pass over the
/// paragraphs and headings. The cutter takes every unit's text, headings included, from the source by the blocks'
/// spans (<see cref="UnitTreeBuilder"/>) and never reads an inline, so parsing them was work thrown away; the block
/// structure (and so every unit, address and payload sha) is the default pipeline's, because the inline pass only
/// attaches inlines to leaves and can only widen a leaf's span to an inline's end, which lies inside the leaf.
/// A leaf long enough to reach Markdig's inline nesting limit still gets the inline pass, so a paragraph of
/// thousands of nested brackets is refused (nesting-too-deep) exactly as with the default pipeline.
/// </summary>
internal static class BlockOnlyPipeline
{
    /// <summary>
    /// Markdig 1.6's limit on open inline containers (ThrowHelper.CheckDepthLimit's large limit, checked by
    /// InlineProcessor.FindLastContainer): past it the inline pass throws ArgumentException. Every open container
    /// consumed at least one character of the leaf's text, so a leaf of at most this many characters cannot pass it.
    /// </summary>
    internal const int InlineNestingLimit = 10_240;

    public static MarkdownPipeline Pipeline { get; } = Build();

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder();
        foreach (var parser in builder.BlockParsers)
        {
            parser.Closed += SkipInlines;
        }
        return builder.Build();
    }

    /// <summary>Called as each block closes, before any inline is parsed: paragraphs, ATX and setext headings are leaves.</summary>
    private static void SkipInlines(BlockProcessor processor, Block block)
    {
        if (block is LeafBlock { ProcessInlines: true } leaf && InlineTextLength(leaf) <= InlineNestingLimit)
        {
            leaf.ProcessInlines = false;
        }
    }

    /// <summary>The length of the text the inline pass would read: the leaf's lines joined by one newline each.</summary>
    private static int InlineTextLength(LeafBlock leaf)
    {
        var lines = leaf.Lines;
        var length = Math.Max(0, lines.Count - 1);
        for (var i = 0; i < lines.Count; i++)
        {
            length += lines.Lines[i].Slice.Length;
        }
        return length;
    }
}
