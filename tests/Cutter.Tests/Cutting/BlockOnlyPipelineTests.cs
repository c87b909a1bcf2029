using System.Text;
using Cutter.Cutting;
using Cutter.Rehearsal.Seeding;
using Markdig;
using Markdig.Syntax;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// The cut parses blocks only (<see cref="BlockOnlyPipeline"/>): the block tree it walks must be the one Markdig's
/// default pipeline builds, span for span, and a heading's inline Markdown must stay source text in the unit.
/// </summary>
public class BlockOnlyPipelineTests
{
    /// <summary>Inline Markdown of every kind in paragraphs, ATX and setext headings, quotes, lists, HTML and code.</summary>
    private const string InlineHeavy =
        "# Charter of *Things* `v2`\n\n" +
        "## Article 1. The [Board](https://example.org/board \"t\") **and** `members` ##\n\n" +
        "1. The *board* meets `daily`.\n   lazy _continuation_\n2. ![seal](seal.png) <b>bold</b>\n\n" +
        "## Article 2 <span>Scope</span>\n\n" +
        "Text with a [ref] and <https://example.org> &amp; an escape\\\nhard break  \nend   \n\n" +
        "[ref]: https://example.org/ref\n\n" +
        "Section 3 *Setext* `x`\n---\n\n" +
        "> quote *a\n> b* `c\n\n\tcode *not*\n\n<div>\n*html*\n</div>\n\n- [ ] *x*\n- a <b\n  c>\n";

    [Fact]
    public void BlockTree_IsTheDefaultPipelines_ForTheCorpusSamplesDocsAndRandomMarkdown()
    {
        var documents = new List<(string Name, string Text)> { ("inline-heavy", InlineHeavy) };
        documents.AddRange(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.md").Select(f => (f, File.ReadAllText(f))));
        documents.AddRange(SampleKnowledgeBase.FileNames.Select(f => (f, Encoding.UTF8.GetString(SampleKnowledgeBase.Read(f)))));
        documents.AddRange(Directory.GetFiles(Path.Combine(TestDocuments.RepoRoot(), "docs"), "*.md").Select(f => (f, File.ReadAllText(f))));
        documents.AddRange(RandomMarkdown(3000));

        var differing = documents.Where(d => BlockTree(Markdown.Parse(d.Text)) != BlockTree(Markdown.Parse(d.Text, BlockOnlyPipeline.Pipeline)))
            .Select(d => d.Name).ToList();

        Assert.True(documents.Count > 3000);
        Assert.Empty(differing);
    }

    [Fact]
    public void BlockTree_ComparesSpans_SoADifferentSpanIsSeen()
    {
        var full = Markdown.Parse("## Article 1\n\nText.\n");
        var moved = Markdown.Parse("## Article 1\n\nText.\n");
        moved[1].Span = new Markdig.Syntax.SourceSpan(moved[1].Span.Start, moved[1].Span.End + 1);

        Assert.NotEqual(BlockTree(full), BlockTree(moved));
    }

    [Fact]
    public void InlineMarkdown_InHeadingsAndText_StaysSourceText()
    {
        var set = TestDocuments.Cut(InlineHeavy);

        Assert.Equal(["text-1", "art-1", "art-1/cl-1", "art-1/cl-2", "art-2", "sec-3"], set.Units.Select(u => u.Address));
        Assert.Equal("Article 1. The [Board](https://example.org/board \"t\") **and** `members`", set.Units[1].Heading);
        Assert.Equal("1. The *board* meets `daily`.\nlazy _continuation_", set.Units[2].Content);
        Assert.Equal("2. ![seal](seal.png) <b>bold</b>", set.Units[3].Content);
        Assert.Equal("Article 2 <span>Scope</span>\n\nText with a [ref] and <https://example.org> &amp; an escape\\\nhard break\nend\n\n[ref]: https://example.org/ref", set.Units[4].Content);
        Assert.Equal("Section 3 *Setext* `x`", set.Units[5].Heading);
    }

    /// <summary>
    /// The skip assumes Markdig refuses no leaf of at most <see cref="BlockOnlyPipeline.InlineNestingLimit"/> characters;
    /// nested brackets are the cheapest nesting, and Markdig's default parse refuses them one past the limit's reach.
    /// </summary>
    [Fact]
    public void MarkdigsInlineNestingLimit_IsTheOneTheSkipAssumes()
    {
        Assert.NotNull(Markdown.Parse(new string('[', BlockOnlyPipeline.InlineNestingLimit + 1)));
        Assert.Throws<ArgumentException>(() => Markdown.Parse(new string('[', BlockOnlyPipeline.InlineNestingLimit + 2)));
    }

    [Fact]
    public void OnlyALeafLongerThanTheLimit_GetsItsInlines()
    {
        var longText = new string('a', BlockOnlyPipeline.InlineNestingLimit + 1);
        var document = Markdown.Parse($"# Short *heading*\n\nshort *text*\n\n{longText}\n", BlockOnlyPipeline.Pipeline);

        Assert.Equal([false, false, true], document.OfType<LeafBlock>().Select(b => b.Inline is not null));
    }

    /// <summary>Every block's type, depth, span, line and column, in document order.</summary>
    private static string BlockTree(MarkdownDocument document)
    {
        var tree = new StringBuilder();
        Append(document, 0);
        return tree.ToString();

        void Append(ContainerBlock container, int depth)
        {
            foreach (var block in container)
            {
                tree.Append($"{depth} {block.GetType().Name} {block.Span.Start}-{block.Span.End} {block.Line}:{block.Column}\n");
                if (block is ContainerBlock inner)
                {
                    Append(inner, depth + 1);
                }
            }
        }
    }

    /// <summary>Seeded random strings of Markdown's block and inline syntax, so the comparison covers odd combinations.</summary>
    private static IEnumerable<(string, string)> RandomMarkdown(int count)
    {
        string[] pieces = ["# ", "## ", "#", "*", "**", "_", "`", "``", "[", "]", "(", ")", "![", "<", ">", "> ", "- ", "1. ", "2) ",
            "\n", "\n\n", "  \n", "\t", "    ", "===", "---", "&amp;", "\\", "http://a", "<a href='x'>", "</a>", "[x]: /u", "\"t\"",
            " ", "a", "b c", "~~~", "```", "|", "Article 1", "(a) "];
        var random = new Random(17);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 60); n > 0; n--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }
            yield return ($"random #{i}", text.ToString());
        }
    }
}
