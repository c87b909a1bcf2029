using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Knowledge;

public class KbFrontMatterTests
{
    [Fact]
    public void Render_ThenParse_RoundTripsAwkwardValues()
    {
        var fields = new Dictionary<string, string>
        {
            ["id"] = "KB-12",
            ["title"] = "Charter: \"quoted\" # not a comment",
            ["flag"] = "yes",
            ["padded"] = "  leading spaces",
            ["multi"] = "line one\nline two",
            ["empty"] = "",
        };

        var text = KbFrontMatter.Render(fields) + "Body.\n";
        var split = KbFrontMatter.Split(text, "t");

        Assert.Equal(fields, KbFrontMatter.Parse(split.Yaml, "t", split.YamlFirstLine));
        Assert.Equal("Body.\n", split.Body);
        Assert.StartsWith("---\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ReportsTheBodysFirstLine()
    {
        var split = KbFrontMatter.Split("---\na: 1\nb: 2\n---\nfirst body line\n", "t");

        Assert.Equal(5, split.BodyFirstLine);
        Assert.Equal("a: 1\nb: 2\n", split.Yaml);
    }

    [Theory]
    [InlineData("no front matter\n", 1, "front matter is missing: the document must open with a '---' line")]
    [InlineData("---\na: 1\n", 1, "front matter is not closed: no '---' line ends it")]
    public void Split_RefusesMissingOrUnclosedFrontMatter(string text, int line, string problem)
    {
        var ex = Assert.Throws<KbFrontMatterException>(() => KbFrontMatter.Split(text, "doc.md"));

        Assert.Equal(line, ex.Line);
        Assert.Equal($"doc.md: line {line}: {problem}", ex.Message);
    }

    [Theory]
    [InlineData("a: 1\nb: &anchor 2\n", 3, "declares the anchor '&anchor': aliases and anchors are refused")]
    [InlineData("a: 1\nb: *ref\n", 3, "uses the alias '*ref': aliases and anchors are refused")]
    [InlineData("a: 1\nb: 2\na: 3\n", 4, "repeats the key 'a': duplicate keys are refused")]
    [InlineData("a: 1\nb:\n  c: 2\n", 4, "value of 'b' is a mapping: only scalar values are allowed")]
    [InlineData("a: 1\nb: [1, 2]\n", 3, "value of 'b' is a list: only scalar values are allowed")]
    [InlineData("- 1\n- 2\n", 2, "is a list: it must be a mapping of keys to values")]
    [InlineData("a: 1\n9bad: 2\n", 3, "key '9bad' must be 1-64 ASCII letters, digits, '_' or '-', starting with a letter")]
    public void Parse_RefusesHostileOrNestedYaml_WithTheDocumentLine(string yaml, int line, string problem)
    {
        var ex = Assert.Throws<KbFrontMatterException>(() => KbFrontMatter.Parse(yaml, "doc.md", firstLine: 2));

        Assert.Equal(line, ex.Line);
        Assert.Equal(problem, ex.FrontMatterProblem);
    }
}
