using System.Text;
using Cutter.Cutting;
using Cutter.Orchestration.Reports.Html;
using Cutter.Tests.Cutting;
using Xunit;

namespace Cutter.Tests.Orchestration.Html;

public sealed class ReviewPageTests
{
    private static async Task<(string Html, AngleSharp.Dom.IDocument Document)> RenderAsync(ReviewPageModel model)
    {
        var html = await PageRenderer.RenderAsync<ReviewPage>(nameof(ReviewPage.Model), model);
        return (html, HtmlPageAssert.Parse(html));
    }

    [Fact]
    public async Task The_review_page_of_the_sample_target_shows_every_section_all_51_units_and_the_exact_approve_command()
    {
        var plan = PageFixtures.SampleTarget();
        var (_, page) = await RenderAsync(new ReviewPageModel(PageFixtures.AwaitingSg1(plan), plan, "KB-2191", "KB-2192"));

        HtmlPageAssert.SectionsPresent(page, "document", "payload", "counts", "will-write", "units", "approve");
        HtmlPageAssert.SelfContained(page);
        Assert.Equal(51, page.QuerySelectorAll("#units .unit").Length);
        Assert.Equal("51", page.QuerySelector("#units ul.tree")!.GetAttribute("data-unit-count"));
        Assert.Equal("All 51 units, in document order.", page.GetElementById("units-note")!.TextContent);
        Assert.Equal("cutter approve --request KB-2191 --key <your ssh key> --signer <your name>", page.GetElementById("approve-command")!.TextContent);
        Assert.Equal("cutter approve --request KB-2192 --key <your ssh key> --signer <your name>", page.GetElementById("ruling-command")!.TextContent);
        Assert.Equal($"cutter resume --run-id {PageFixtures.RunId} --approval <SG_1 approval doc id> --ruling <ruling approval doc id>",
            page.GetElementById("resume-command")!.TextContent);
        Assert.Contains(plan.PayloadSha.ToString(), page.GetElementById("payload")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["preamble 1", "part 3", "chapter 5", "article 10", "clause 17", "point 14", "text 1"],
            page.QuerySelectorAll("#kind-counts tbody tr").Select(r => string.Join(' ', r.Children.Select(c => c.TextContent))).ToArray());
        // The tree nests by parent: a point sits inside its clause's list.
        var point = page.QuerySelector("[data-address='part-1/ch-1/art-2/cl-2/pt-c']")!;
        Assert.Equal("part-1/ch-1/art-2/cl-2", point.Closest("ul")!.Closest("li")!.QuerySelector(".unit")!.GetAttribute("data-address"));
    }

    [Fact]
    public async Task Hostile_unit_text_is_escaped_and_long_text_is_folded()
    {
        var hostile = "Members & guests <script>alert('x')</script> <img src=\"https://evil.example/p.gif\"> must comply.";
        var plan = TestDocuments.Cut($"## Article 1\n\n(1) {hostile}\n(2) {new string('a', 450)}.\n");
        var (html, page) = await RenderAsync(new ReviewPageModel(PageFixtures.AwaitingSg1(plan), plan, "KB-9001", null));

        HtmlPageAssert.SelfContained(page);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Members &amp; guests", html, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("pre.content"), pre => pre.TextContent == $"(1) {hostile}");
        var folded = Assert.Single(page.QuerySelectorAll("details.long"));
        Assert.Equal("455 characters of text", folded.QuerySelector("summary")!.TextContent);
        Assert.Null(page.GetElementById("ruling-command"));
    }

    [Fact]
    public async Task A_document_of_100000_units_shows_the_first_2000_and_says_so()
    {
        var sample = PageFixtures.SampleTarget();
        var units = Enumerable.Range(1, 100_000)
            .Select(i => new CandidateUnit($"art-{i}", i, "article", null, $"Article {i}", $"Article {i}. Text of article {i}.", new string('0', 64), i))
            .ToList();
        var plan = sample with { Units = units };
        var (html, page) = await RenderAsync(new ReviewPageModel(PageFixtures.AwaitingSg1(plan), plan, "KB-9001", "KB-9002"));

        Assert.Equal(ReviewPageModel.DefaultUnitCap, page.QuerySelectorAll("#units .unit").Length);
        Assert.Equal("100000", page.QuerySelector("#units ul.tree")!.GetAttribute("data-unit-count"));
        Assert.StartsWith("The first 2,000 of 100,000 units", page.GetElementById("units-note")!.TextContent, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 100_000, 2_000_000);
    }

    [Fact]
    public void The_external_reference_check_finds_what_would_reach_the_network()
    {
        var page = HtmlPageAssert.Parse("<html><head><style>body { background: url('https://cdn.example/bg.png') }</style>"
            + "<link rel=\"stylesheet\" href=\"//fonts.example/css\"></head><body><a href=\"#units\">ok</a><img src=\"http://x.example/a.png\"></body></html>");

        Assert.Equal(["<link href=\"//fonts.example/css\">", "<img src=\"http://x.example/a.png\">", "url('https://cdn.example/bg.png')"],
            HtmlPageAssert.ExternalReferences(page).ToArray());
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => HtmlPageAssert.SelfContained(page));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => HtmlPageAssert.SectionsPresent(page, "units"));
    }
}
