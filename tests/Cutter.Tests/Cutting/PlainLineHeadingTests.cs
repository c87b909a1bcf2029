using System.Text;
using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>The layouts of issue 21: headings as plain lines, decomposed Unicode, decimal and § numbering, sub-points, recitals.</summary>
public class PlainLineHeadingTests
{
    private static string[] Addresses(CandidateSet set) => set.Units.Select(u => u.Address).ToArray();

    [Fact]
    public void PlainLineConstitution_CutsIntoArticlesAndSections_NotOneUnit()
    {
        var set = TestDocuments.Cut(
            "ARTICLE I.\n\nSection 1.\n\nAll legislative Powers.\n\nSection 2.\n\nThe House.\n\nARTICLE II.\n\nSection 1.\n\nThe executive Power.\n");

        Assert.Equal(["art-1", "art-1/sec-1", "art-1/sec-2", "art-2", "art-2/sec-1"], Addresses(set));
        Assert.Equal("Section 1.\n\nAll legislative Powers.", set.Units[1].Content);
        Assert.Equal("ARTICLE II.", set.Units[3].Heading);
        Assert.Equal([6, 8, 12, 16, 18], set.Units.Select(u => u.SourceLine));
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void PlainLineHeading_WithItsTextOnTheNextLine_OpensTheUnit()
    {
        var set = TestDocuments.Cut("Chương I\nCHẾ ĐỘ CHÍNH TRỊ\n\nĐiều 1.\nNước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập.\n\nĐiều 2. Quyền lực\n\n1. Khoản một.\n");

        Assert.Equal(["ch-1", "ch-1/art-1", "ch-1/art-2", "ch-1/art-2/cl-1"], Addresses(set));
        Assert.Equal("Chương I\nCHẾ ĐỘ CHÍNH TRỊ", set.Units[0].Content);
        Assert.Equal("Điều 2. Quyền lực", set.Units[2].Heading);
    }

    [Theory]
    [InlineData("Article 5 of this Law applies to members.")]
    [InlineData("Section 2 powers and duties of the board")]
    [InlineData("article 5.")]
    [InlineData("Article 44a.")]
    [InlineData("Title Insurance")]
    public void ProseThatStartsWithAKeyword_IsNotAHeading(string line) =>
        Assert.Null(HeadingClassifier.ClassifyPlainLine(line));

    [Theory]
    [InlineData("ARTICLE II DECLARATION OF PRINCIPLES", "article", "2")]
    [InlineData("Section 1.01 Registered Office.", "section", "1.01")]
    [InlineData("§ 2.03", "section", "2.03")]
    [InlineData("§2.03. Notice.", "section", "2.03")]
    [InlineData("Sec. 4. Quorum.", "section", "4")]
    [InlineData("Art. 7 – Scope", "article", "7")]
    [InlineData("ANNEX IV", "annex", "4")]
    [InlineData("Appendix B", "appendix", "2")]
    [InlineData("Schedule 3: Fees", "schedule", "3")]
    [InlineData("Tiểu mục 2. Quyền", "subsection", "2")]
    [InlineData("Phần thứ hai", "part", "2")]
    [InlineData("Ａｒｔｉｃｌｅ\u00A0１２.", "article", "12")]
    [InlineData("Điều\u00A044.", "article", "44")]
    public void PlainLineHeadings_ClassifyWithTheirAddressToken(string line, string kind, string token)
    {
        var heading = HeadingClassifier.ClassifyPlainLine(line);
        Assert.NotNull(heading);
        Assert.Equal(kind, heading.Value.Kind);
        Assert.Equal(token, heading.Value.AddressToken);
    }

    [Fact]
    public void MixedDocument_PlainSectionsNestUnderMarkdownArticles()
    {
        var set = TestDocuments.Cut("# Bylaws\n\n## ARTICLE I\n\nSection 1.\n\nText.\n\nSection 2.\n\nText.\n\n## ARTICLE II\n\nSection 1.\n\nText.\n");

        Assert.Equal(["text-1", "art-1", "art-1/sec-1", "art-1/sec-2", "art-2", "art-2/sec-1"], Addresses(set));
    }

    [Fact]
    public void EuOrder_SectionsHoldArticles_WhenArticlesAreTheMoreNumerous()
    {
        var set = TestDocuments.Cut(
            "CHAPTER I\n\nArticle 1\n\nA.\n\nCHAPTER II\n\nSection 1\n\nArticle 2\n\nB.\n\nArticle 3\n\nC.\n\nSection 2\n\nArticle 4\n\nD.\n");

        Assert.Equal(["ch-1", "ch-1/art-1", "ch-2", "ch-2/sec-1", "ch-2/sec-1/art-2", "ch-2/sec-1/art-3", "ch-2/sec-2", "ch-2/sec-2/art-4"], Addresses(set));
    }

    [Fact]
    public void HeadingLineInsideAParagraph_StaysText_WithANamedWarning()
    {
        var set = TestDocuments.Cut("Article 1.\n\nText of the first article\nArticle 2.\nmore text.\n");

        Assert.Equal(["art-1"], Addresses(set));
        var warning = Assert.Single(set.Warnings);
        Assert.Equal("unused-heading", warning.Code);
        Assert.Equal(TestDocuments.FirstBodyLine + 3, warning.Line);
        Assert.Contains("'Article 2.'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownHeadingWithAnInvalidNumber_IsText_WithANamedWarning()
    {
        var set = TestDocuments.Cut("## Article IIII\n\nText.\n");

        Assert.Equal(["text-1"], Addresses(set));
        Assert.Equal("unused-heading", Assert.Single(set.Warnings).Code);
    }

    [Fact]
    public void LargeDocumentWithoutRecognizedStructure_IsReported()
    {
        var body = string.Concat(Enumerable.Repeat("The members of the council shall meet and record their votes.\n", 80));
        var set = TestDocuments.Cut(body);

        Assert.Single(set.Units);
        var warning = Assert.Single(set.Warnings);
        Assert.Equal("structure-collapsed", warning.Code);
        Assert.Equal(TestDocuments.FirstBodyLine, warning.Line);
        Assert.Contains("cut into 1 unit(s)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecomposedVietnamese_CutsLikeComposed()
    {
        const string body = "# Luật\n\n## Chương I. Những quy định chung\n\n### Mục 1. Phạm vi\n\n#### Điều 1. Phạm vi điều chỉnh\n\n1. Khoản một:\na) điểm a;\nđ) điểm đ.\n";
        var nfc = TestDocuments.Cut(body.Normalize(NormalizationForm.FormC));
        var nfd = TestDocuments.Cut(body.Normalize(NormalizationForm.FormD));

        Assert.Equal(["text-1", "ch-1", "ch-1/sec-1", "ch-1/sec-1/art-1", "ch-1/sec-1/art-1/cl-1", "ch-1/sec-1/art-1/cl-1/pt-a", "ch-1/sec-1/art-1/cl-1/pt-dd"], Addresses(nfd));
        Assert.Equal(nfc.PayloadSha, nfd.PayloadSha);
        Assert.Equal(Addresses(nfc), Addresses(nfd));
    }

    [Fact]
    public void DecimalSections_AreUniqueAddresses_AndSequencesPerPrefix()
    {
        var set = TestDocuments.Cut("ARTICLE I\n\nSection 1.01 Offices.\n\nA.\n\nSection 1.02 Books.\n\nB.\n\nARTICLE II\n\nSection 2.01 Meetings.\n\nC.\n\n§ 2.02\n\nD.\n");

        Assert.Equal(["art-1", "art-1/sec-1.01", "art-1/sec-1.02", "art-2", "art-2/sec-2.01", "art-2/sec-2.02"], Addresses(set));
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void RepeatedDecimalSection_IsDuplicateNumbering()
    {
        var errors = TestDocuments.CutExpectingErrors(TestDocuments.FromBody("## Article 1\n\n### Section 1.01\n\nA.\n\n### Section 1.01\n\nB.\n")).Errors;

        Assert.Contains(errors, e => e.Code == "duplicate-numbering" && e.Line == TestDocuments.FirstBodyLine + 6 && e.Message.Contains("section 1.01", StringComparison.Ordinal));
    }

    [Fact]
    public void RomanSubPoints_NestUnderTheLetteredPoint_AndTheNextLetterClosesThem()
    {
        var set = TestDocuments.Cut("## Article 1\n\n1. For the purposes of this Regulation:\n(a) first;\n(b) second:\n(i) one;\n(ii) two;\n(iii) three;\n(c) third.\n");

        Assert.Equal(["art-1", "art-1/cl-1", "art-1/cl-1/pt-a", "art-1/cl-1/pt-b", "art-1/cl-1/pt-b/sp-1", "art-1/cl-1/pt-b/sp-2", "art-1/cl-1/pt-b/sp-3", "art-1/cl-1/pt-c"], Addresses(set));
        Assert.Equal("(ii) two;", set.Units[5].Content);
        Assert.Equal("subpoint", set.Units[5].Kind);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void PointIAfterPointH_IsTheLetterI()
    {
        var set = TestDocuments.Cut("## Article 3\n\n(g) seven:\n(i) sub one;\n(ii) sub two;\n(h) eight;\n(i) nine;\n(j) ten.\n");

        Assert.Equal(["art-3", "art-3/pt-g", "art-3/pt-g/sp-1", "art-3/pt-g/sp-2", "art-3/pt-h", "art-3/pt-i", "art-3/pt-j"], Addresses(set));
    }

    [Fact]
    public void RecitalsUnderATitle_AreRecitals_NotClausesOfTheTitle()
    {
        var set = TestDocuments.Cut("# Regulation on Things\n\nHaving regard to the Treaty,\n\nWhereas:\n\n(1) The first recital.\n\n(2) The second recital.\n\nHAVE ADOPTED THIS REGULATION:\n\n## Article 1\n\n1. A clause.\n");

        Assert.Equal(["text-1", "rec-1", "rec-2", "art-1", "art-1/cl-1"], Addresses(set));
        Assert.Equal(["text", "recital", "recital", "article", "clause"], set.Units.Select(u => u.Kind));
        Assert.Equal("Regulation on Things\n\nHaving regard to the Treaty,\n\nWhereas:", set.Units[0].Content);
        Assert.Equal("(2) The second recital.\n\nHAVE ADOPTED THIS REGULATION:", set.Units[2].Content);
    }

    [Fact]
    public void WhereasClauses_AreNumberedRecitals()
    {
        var set = TestDocuments.Cut("WHEREAS, the members met; and\n\nWHEREAS, they agreed;\n\nNOW, THEREFORE, be it resolved:\n\nSection 1.\n\nAdopted.\n");

        Assert.Equal(["rec-1", "rec-2", "sec-1"], Addresses(set));
        Assert.Equal("WHEREAS, they agreed;\n\nNOW, THEREFORE, be it resolved:", set.Units[1].Content);
        Assert.Equal("Whereas", set.Units[0].Heading);
    }

    [Fact]
    public void FullWidthMarkers_AreRead_AndTheStoredTextKeepsThem()
    {
        var set = TestDocuments.Cut("## Article 1\n\n（１） First.\n（ａ）\u00A0point.\n");

        Assert.Equal(["art-1", "art-1/cl-1", "art-1/cl-1/pt-a"], Addresses(set));
        Assert.Equal("(a)", set.Units[2].Heading);
        Assert.Equal("（ａ）\u00A0point.", set.Units[2].Content);
    }

    [Fact]
    public void VietnameseDivisions_PhanChuongMucTieuMucDieu_NestInThatOrder()
    {
        var set = TestDocuments.Cut("Phần thứ nhất\n\nChương I\n\nMục 1\n\nTiểu mục 1\n\nĐiều 1. Một\n\n1. Khoản.\n\nTiểu mục 2\n\nĐiều 2. Hai\n\nNội dung.\n");

        Assert.Equal(["part-1", "part-1/ch-1", "part-1/ch-1/sec-1", "part-1/ch-1/sec-1/subsec-1", "part-1/ch-1/sec-1/subsec-1/art-1",
            "part-1/ch-1/sec-1/subsec-1/art-1/cl-1", "part-1/ch-1/sec-1/subsec-2", "part-1/ch-1/sec-1/subsec-2/art-2"], Addresses(set));
        Assert.Equal("subsection", set.Units[3].Kind);
    }

    [Fact]
    public void AnnexAfterTheArticles_ClosesTheChapters_AndSitsAtTheRoot()
    {
        var set = TestDocuments.Cut("CHAPTER I\n\nArticle 1\n\nText.\n\nArticle 2\n\nText.\n\nANNEX I\n\nList of services.\n\nANNEX II\n\nForms.\n");

        Assert.Equal(["ch-1", "ch-1/art-1", "ch-1/art-2", "annex-1", "annex-2"], Addresses(set));
        Assert.Equal(["chapter", "article", "article", "annex", "annex"], set.Units.Select(u => u.Kind));
    }

    [Fact]
    public void MarkdownSectionSignHeading_IsADecimalSection()
    {
        var set = TestDocuments.Cut("## § 2.03\n\nText.\n");

        Assert.Equal(["sec-2.03"], Addresses(set));
        // Sequence 2.x starts at 3: the one warning is about the numbering, not the heading.
        Assert.Equal("skipped-numbering", Assert.Single(set.Warnings).Code);
    }

    [Fact]
    public void ClauseAfterAPointWithNoClauseAbove_IsNamed()
    {
        var set = TestDocuments.Cut("## Article 1\n\n(a) General requirements.\n(1) An operator is required to obtain consent.\n");

        Assert.Equal(["art-1", "art-1/pt-a", "art-1/cl-1"], Addresses(set));
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(("clause-after-point", TestDocuments.FirstBodyLine + 3), (warning.Code, warning.Line));
    }
}
