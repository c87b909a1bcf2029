using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>The nesting screen refuses Markdown deeper than Markdig handles, before Markdig sees it, and lets real nesting through.</summary>
public class NestingScreenTests
{
    [Fact]
    public void QuotesNestedTooDeep_OnOneLine_AreRefused_WithTheLine()
    {
        var body = "## Article 1\n\nText.\n\n" + string.Concat(Enumerable.Repeat("> ", 40)) + "deep\n";

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("nesting-too-deep", error.Code);
        Assert.Equal(10, error.Line);
        Assert.Equal("the line is nested about 40 levels deep (lists, quotes, indentation); the limit is 32: flatten the structure or raise orchestrator.max_nesting_depth to allow more", error.Message);
    }

    [Fact]
    public void OrderedListsNestedTooDeep_AreRefused_AtTheFirstLineOverTheLimit()
    {
        // Each level is "1. " indented three columns further: depth = 1 marker + indentation / 2.
        var list = string.Concat(Enumerable.Range(0, 40).Select(level => new string(' ', level * 3) + "1. item\n"));

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\n" + list));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("nesting-too-deep", error.Code);
        // Level 21 (0-based) is indented 63 columns: 1 + 31 = 32 passes; level 22 (66 columns) is 34; body line 3 is level 0.
        Assert.Equal(6 + 2 + 22, error.Line);
    }

    [Fact]
    public void InlineBracketsNestedTooDeep_AreRefused_AtTheBodyStart()
    {
        var body = "## Article 1\n\n" + new string('[', 20_000) + "x" + new string(']', 20_000) + "\n";

        var ex = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("nesting-too-deep", error.Code);
        Assert.Equal(6, error.Line);
        Assert.Equal("Markdown inline elements (brackets, emphasis or HTML tags) somewhere in the body nest deeper than the parser handles: flatten them", error.Message);
    }

    [Fact]
    public void ANestedListOfRealDepth_IsCut()
    {
        var list = string.Concat(Enumerable.Range(0, 8).Select(level => new string(' ', level * 2) + "- item\n"));

        var set = TestDocuments.Cut("## Article 1\n\n" + list);

        Assert.NotEmpty(set.Units);
    }
}
