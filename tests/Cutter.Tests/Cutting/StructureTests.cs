using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

public class StructureTests
{
    [Fact]
    public void EnglishHeadings_RomanAndArabic_NestByHeadingLevel()
    {
        var set = TestDocuments.Cut(
            "# PART II\n\n## Title 3\n\n### CHAPTER IV. Powers\n\n#### Section. 8.\n\n##### ARTICLE 44\n\nText.\n\n## Amendment XIV\n\nMore.\n");

        Assert.Equal(["part-2", "part-2/title-3", "part-2/title-3/ch-4", "part-2/title-3/ch-4/sec-8", "part-2/title-3/ch-4/sec-8/art-44", "part-2/amend-14"],
            set.Units.Select(u => u.Address));
        Assert.Equal(["part", "title", "chapter", "section", "article", "amendment"], set.Units.Select(u => u.Kind));
    }

    [Fact]
    public void ParenthesizedNumbersAndLetters_AreClausesAndPoints()
    {
        var set = TestDocuments.Cut("## Article 1\n\nIntro.\n\n(1) First clause:\n(a) point a;\n(b) point b.\n(2) Second clause.\n");

        Assert.Equal(["art-1", "art-1/cl-1", "art-1/cl-1/pt-a", "art-1/cl-1/pt-b", "art-1/cl-2"], set.Units.Select(u => u.Address));
        Assert.Equal("Article 1\n\nIntro.", set.Units[0].Content);
        Assert.Equal("(b) point b.", set.Units[3].Content);
        Assert.Equal([6, 10, 11, 12, 13], set.Units.Select(u => u.SourceLine));
    }

    [Fact]
    public void VietnameseHeadings_PhanChuongMucDieu_AreRecognized()
    {
        var set = TestDocuments.Cut("# Phần thứ nhất\n\n## Chương I\n\n### Mục 1\n\n#### Điều 44. Quyền\n\n1. Khoản một.\n");

        Assert.Equal(["part-1", "part-1/ch-1", "part-1/ch-1/sec-1", "part-1/ch-1/sec-1/art-44", "part-1/ch-1/sec-1/art-44/cl-1"], set.Units.Select(u => u.Address));
        Assert.Equal("1. Khoản một.", set.Units[^1].Content);
    }

    [Fact]
    public void TextBeforeTheFirstHeading_IsThePreamble_AndUnrecognizedHeadingsAreText()
    {
        var set = TestDocuments.Cut("We adopt this.\n\n# Charter of Things\n\n## Article 1\n\nA.\n\n### Notes\n\nA note.\n\n## Schedule\n\nList.\n");

        Assert.Equal(["preamble", "text-1", "art-1", "art-1/text-1", "text-2"], set.Units.Select(u => u.Address));
        Assert.Equal(["preamble", "text", "article", "text", "text"], set.Units.Select(u => u.Kind));
        Assert.Equal("We adopt this.", set.Units[0].Content);
    }

    [Fact]
    public void ContentIsNormalized_AndHashedOverItsUtf8()
    {
        var set = TestDocuments.Cut("## Article 1\r\n\r\nLine one   \r\n\r\n\r\n\r\nLine two\t\r\n");

        var unit = Assert.Single(set.Units);
        Assert.Equal("Article 1\n\nLine one\n\nLine two", unit.Content);
        Assert.Equal(Cutter.Domain.Sha256Hex.Of("Article 1\n\nLine one\n\nLine two").Value, unit.ContentSha256);
    }

    [Theory]
    [InlineData("Title Insurance", "text")]
    [InlineData("Article 44a", "text")]
    [InlineData("Article IIII", "text")]
    [InlineData("Sections 1", "text")]
    [InlineData("Lời nói đầu", "preamble")]
    [InlineData("Điều 7.", "article")]
    [InlineData("Chương XII: Điều khoản thi hành", "chapter")]
    public void HeadingClassifier_RecognizesOnlyRealStructure(string heading, string kind)
    {
        Assert.Equal(kind, HeadingClassifier.Classify(heading).Kind);
    }

    [Fact]
    public void TextNormalizer_AppliesNfc_LineEndings_TrailingWhitespace_AndBlankRuns()
    {
        Assert.Equal("Vi\u1EC7t\nb\n\nc", TextNormalizer.Normalize("\n\nVie\u0323\u0302t  \r\nb\r\r\n\n\nc \n\n"));
    }
}
