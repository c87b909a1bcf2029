using System.Text;
using Cutter.Cutting;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// Real legal texts in the layouts of issue 21 (tests/Cutter.Tests/Corpus; each file's front matter names its source):
/// plain-line headings, decomposed Vietnamese, recitals and sub-points, decimal and § sections. The counts are the texts'.
/// </summary>
public class LayoutCorpusTests
{
    private static CandidateSet Cut(string fileName) => DocumentCutter.Cut(TestDocuments.Corpus(fileName), CuttingOptions.Default);

    private static Dictionary<string, int> NonZero(CandidateSet set) =>
        set.CountsByKind().Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);

    private static string[] Addresses(CandidateSet set, string kind) =>
        set.Units.Where(u => u.Kind == kind).Select(u => u.Address).ToArray();

    [Fact]
    public void UsConstitutionInPlainLines_CutsExactlyAsTheMarkdownCopy()
    {
        var plain = Cut("us-constitution-plain-lines.md");
        var markdown = Cut("us-constitution.md");

        Assert.Equal(new Dictionary<string, int>
        {
            ["text"] = 1, ["preamble"] = 1, ["article"] = 7, ["section"] = 54, ["amendment"] = 27,
        }, NonZero(plain));
        Assert.Equal(markdown.Units.Select(u => (u.Address, u.Kind, u.ParentAddress, u.Heading, u.ContentSha256)),
            plain.Units.Select(u => (u.Address, u.Kind, u.ParentAddress, u.Heading, u.ContentSha256)));
        Assert.Equal(markdown.PayloadSha, plain.PayloadSha);
        Assert.Empty(plain.Warnings);
        Assert.Equal(10, plain.Units.Count(u => u.ParentAddress == "art-1"));
        Assert.Equal("amend-14", plain.Units.Single(u => u.Address == "amend-14/sec-5").ParentAddress);
    }

    [Theory]
    [InlineData("vn-luat-an-ninh-mang-2018-chuong-1-nfc.md")]
    [InlineData("vn-luat-an-ninh-mang-2018-chuong-1-nfd.md")]
    public void LuatAnNinhMangChuongI_InPlainLines_HasFourDieu_ElevenKhoan_SixDiem(string fileName)
    {
        var set = Cut(fileName);

        Assert.Equal(new Dictionary<string, int>
        {
            ["preamble"] = 1, ["chapter"] = 1, ["article"] = 4, ["clause"] = 11, ["point"] = 6,
        }, NonZero(set));
        Assert.Equal(["ch-1/art-1", "ch-1/art-2", "ch-1/art-3", "ch-1/art-8"], Addresses(set, UnitKinds.Article));
        Assert.Equal(["ch-1/art-8/cl-1/pt-a", "ch-1/art-8/cl-1/pt-b", "ch-1/art-8/cl-1/pt-c", "ch-1/art-8/cl-1/pt-d", "ch-1/art-8/cl-1/pt-dd", "ch-1/art-8/cl-1/pt-e"],
            Addresses(set, UnitKinds.Point));
        var byAddress = set.Units.ToDictionary(u => u.Address);
        Assert.Equal("Chương I\nNHỮNG QUY ĐỊNH CHUNG", byAddress["ch-1"].Content);
        Assert.Equal("Điều 2. Giải thích từ ngữ", byAddress["ch-1/art-2"].Heading);
        Assert.Equal("đ)", byAddress["ch-1/art-8/cl-1/pt-dd"].Heading);
        Assert.StartsWith("2. Bảo vệ an ninh mạng là phòng ngừa", byAddress["ch-1/art-2/cl-2"].Content, StringComparison.Ordinal);
        Assert.Equal("QUỐC HỘI\nLUẬT\nAN NINH MẠNG", byAddress["preamble"].Content);
        // The excerpt goes from Điều 3 to Điều 8: one named warning at the Điều 8 line, nothing else.
        var warning = Assert.Single(set.Warnings);
        Assert.Equal("skipped-numbering", warning.Code);
        Assert.Equal(34, warning.Line);
    }

    [Fact]
    public void LuatAnNinhMang_NfdCopy_HasTheSamePayloadShaAsTheNfcCopy()
    {
        var nfc = Cut("vn-luat-an-ninh-mang-2018-chuong-1-nfc.md");
        var nfd = Cut("vn-luat-an-ninh-mang-2018-chuong-1-nfd.md");

        Assert.NotEqual(nfc.SourceSha, nfd.SourceSha);
        Assert.Equal(nfc.PayloadSha, nfd.PayloadSha);
    }

    [Fact]
    public void DigitalServicesAct_HasRecitals_Articles_Paragraphs_Points_AndSubPoints()
    {
        var set = Cut("eu-digital-services-act-2022-excerpt.md");

        Assert.Equal(new Dictionary<string, int>
        {
            ["preamble"] = 1, ["recital"] = 2, ["chapter"] = 1, ["article"] = 3, ["clause"] = 3, ["point"] = 12, ["subpoint"] = 3,
        }, NonZero(set));
        Assert.Equal(["rec-1", "rec-2"], Addresses(set, UnitKinds.Recital));
        Assert.Equal(["ch-1/art-1/cl-2/pt-a", "ch-1/art-1/cl-2/pt-b", "ch-1/art-1/cl-2/pt-c",
            "ch-1/art-3/pt-a", "ch-1/art-3/pt-b", "ch-1/art-3/pt-c", "ch-1/art-3/pt-d", "ch-1/art-3/pt-e",
            "ch-1/art-3/pt-f", "ch-1/art-3/pt-g", "ch-1/art-3/pt-h", "ch-1/art-3/pt-i"], Addresses(set, UnitKinds.Point));
        Assert.Equal(["ch-1/art-3/pt-g/sp-1", "ch-1/art-3/pt-g/sp-2", "ch-1/art-3/pt-g/sp-3"], Addresses(set, UnitKinds.Subpoint));
        var byAddress = set.Units.ToDictionary(u => u.Address);
        Assert.StartsWith("(i) ‘online platform’ means a hosting service", byAddress["ch-1/art-3/pt-i"].Content, StringComparison.Ordinal);
        Assert.StartsWith("(iii) a ‘hosting’ service", byAddress["ch-1/art-3/pt-g/sp-3"].Content, StringComparison.Ordinal);
        Assert.Contains("\n\n— the targeting of activities towards one or more Member States;", byAddress["ch-1/art-3/pt-e"].Content, StringComparison.Ordinal);
        Assert.EndsWith("Whereas:", byAddress["preamble"].Content, StringComparison.Ordinal);
        Assert.Equal("CHAPTER I\n\nGENERAL PROVISIONS", byAddress["ch-1"].Content);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void CorporateBylaws_DecimalSectionsNestUnderArticles()
    {
        var set = Cut("us-corporate-bylaws-decimal.md");

        Assert.Equal(new Dictionary<string, int>
        {
            ["preamble"] = 1, ["article"] = 3, ["section"] = 9, ["point"] = 3,
        }, NonZero(set));
        Assert.Equal(["art-1/sec-1.01", "art-1/sec-1.02", "art-2/sec-2.01", "art-2/sec-2.02", "art-2/sec-2.03", "art-2/sec-2.04",
            "art-3/sec-3.01", "art-3/sec-3.02", "art-3/sec-3.03"], Addresses(set, UnitKinds.Section));
        Assert.Equal(["art-2/sec-2.03/pt-a", "art-2/sec-2.03/pt-b", "art-2/sec-2.03/pt-c"], Addresses(set, UnitKinds.Point));
        Assert.Equal("ARTICLE II\nMEETINGS OF STOCKHOLDERS", set.Units.Single(u => u.Address == "art-2").Content);
        Assert.StartsWith("§ 3.03 Vacancies.", set.Units.Single(u => u.Address == "art-3/sec-3.03").Content, StringComparison.Ordinal);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void CfrPart312_SectionSignHeadings_WithTheirRealGaps()
    {
        var set = Cut("us-cfr-16-part-312-excerpt.md");

        Assert.Equal(new Dictionary<string, int> { ["part"] = 1, ["section"] = 2, ["point"] = 5 }, NonZero(set));
        Assert.Equal(["part-312", "part-312/sec-312.1", "part-312/sec-312.3", "part-312/sec-312.3/pt-a", "part-312/sec-312.3/pt-b",
            "part-312/sec-312.3/pt-c", "part-312/sec-312.3/pt-d", "part-312/sec-312.3/pt-e"], set.Units.Select(u => u.Address));
        Assert.Equal("§ 312.1 Scope of regulations in this part.", set.Units[1].Heading);
        // Part 312 does not start at 1, and the excerpt skips § 312.2: two named warnings, each at its heading.
        Assert.Equal([("skipped-numbering", 10), ("skipped-numbering", 16)], set.Warnings.Select(w => (w.Code, w.Line)));
    }

    [Fact]
    public void GeneralDataProtectionRegulation_HasRecitals_Articles_Paragraphs_Points_AndNumberedDefinitions()
    {
        var set = Cut("eu-gdpr-2016-excerpt.md");

        // Recitals (1)-(4); Article 1 has 3 paragraphs, Article 2 has 4 (2 lists (a)-(d)), Article 3 has 3 (2 lists (a)-(b)),
        // Article 4 opens "For the purposes of this Regulation:" and numbers its definitions (1)-(11) in this excerpt.
        Assert.Equal(new Dictionary<string, int>
        {
            ["preamble"] = 1, ["recital"] = 4, ["chapter"] = 1, ["article"] = 4, ["clause"] = 21, ["point"] = 6,
        }, NonZero(set));
        Assert.Equal(["rec-1", "rec-2", "rec-3", "rec-4"], Addresses(set, UnitKinds.Recital));
        Assert.Equal(["ch-1/art-1", "ch-1/art-2", "ch-1/art-3", "ch-1/art-4"], Addresses(set, UnitKinds.Article));
        Assert.Equal(["ch-1/art-2/cl-2/pt-a", "ch-1/art-2/cl-2/pt-b", "ch-1/art-2/cl-2/pt-c", "ch-1/art-2/cl-2/pt-d",
            "ch-1/art-3/cl-2/pt-a", "ch-1/art-3/cl-2/pt-b"], Addresses(set, UnitKinds.Point));
        Assert.Equal([3, 4, 3, 11], Addresses(set, UnitKinds.Article)
            .Select(article => set.Units.Count(u => u.Kind == UnitKinds.Clause && u.ParentAddress == article)));
        var byAddress = set.Units.ToDictionary(u => u.Address);
        Assert.EndsWith("Acting in accordance with the ordinary legislative procedure,\n\nWhereas:", byAddress["preamble"].Content, StringComparison.Ordinal);
        Assert.StartsWith("(4) The processing of personal data should be designed to serve mankind.", byAddress["rec-4"].Content, StringComparison.Ordinal);
        Assert.Equal("CHAPTER I\n\nGeneral provisions", byAddress["ch-1"].Content);
        Assert.Equal("Article 4\n\nDefinitions\n\nFor the purposes of this Regulation:", byAddress["ch-1/art-4"].Content);
        Assert.StartsWith("3. The free movement of personal data within the Union", byAddress["ch-1/art-1/cl-3"].Content, StringComparison.Ordinal);
        Assert.StartsWith("(d) by competent authorities for the purposes of the prevention", byAddress["ch-1/art-2/cl-2/pt-d"].Content, StringComparison.Ordinal);
        Assert.StartsWith("(11) ‘consent’ of the data subject means", byAddress["ch-1/art-4/cl-11"].Content, StringComparison.Ordinal);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void UniversalDeclarationOfHumanRights_InPlainLines_HasSevenWhereas_ThirtyArticles_ThirtyTwoParagraphs()
    {
        var set = Cut("un-udhr-1948-plain-lines.md");

        Assert.Equal(new Dictionary<string, int>
        {
            ["preamble"] = 1, ["recital"] = 7, ["article"] = 30, ["clause"] = 32,
        }, NonZero(set));
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"art-{n}"), Addresses(set, UnitKinds.Article));
        Assert.Equal(Enumerable.Range(1, 7).Select(n => $"rec-{n}"), Addresses(set, UnitKinds.Recital));
        // Numbered paragraphs per article, as the Declaration has them; the other articles are one or two plain paragraphs.
        var paragraphs = new Dictionary<string, int>
        {
            ["art-11"] = 2, ["art-13"] = 2, ["art-14"] = 2, ["art-15"] = 2, ["art-16"] = 3, ["art-17"] = 2, ["art-20"] = 2,
            ["art-21"] = 3, ["art-23"] = 4, ["art-25"] = 2, ["art-26"] = 3, ["art-27"] = 2, ["art-29"] = 3,
        };
        Assert.Equal(paragraphs, set.Units.Where(u => u.Kind == UnitKinds.Clause)
            .GroupBy(u => u.ParentAddress!).ToDictionary(g => g.Key, g => g.Count()));
        var byAddress = set.Units.ToDictionary(u => u.Address);
        Assert.Equal("Preamble", byAddress["preamble"].Content);
        Assert.StartsWith("Whereas recognition of the inherent dignity", byAddress["rec-1"].Content, StringComparison.Ordinal);
        // The proclamation after the last "Whereas" belongs to the seventh recital (docs/cutting.md, Recitals).
        Assert.Contains("\n\nNow, Therefore THE GENERAL ASSEMBLY proclaims", byAddress["rec-7"].Content, StringComparison.Ordinal);
        Assert.Equal("Article 1\n\nAll human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.",
            byAddress["art-1"].Content);
        Assert.Contains("\n\nFurthermore, no distinction shall be made", byAddress["art-2"].Content, StringComparison.Ordinal);
        Assert.StartsWith("4. Everyone has the right to form and to join trade unions", byAddress["art-23/cl-4"].Content, StringComparison.Ordinal);
        Assert.StartsWith("Article 30\n\nNothing in this Declaration", byAddress["art-30"].Content, StringComparison.Ordinal);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void HienPhap2013ChuongI_InPlainLines_HasThirteenDieu_AndTheMarkdownCopysArticlesAndKhoan()
    {
        var plain = Cut("vn-hien-phap-2013-chuong-1-plain-lines.md");
        var markdown = Cut("vn-hien-phap-2013-chuong-1.md");

        // Khoản: Điều 2: 3, Điều 4: 3, Điều 5: 4, Điều 7: 2, Điều 8: 2, Điều 9: 3, Điều 11: 2, Điều 13: 5.
        Assert.Equal(new Dictionary<string, int> { ["preamble"] = 1, ["chapter"] = 1, ["article"] = 13, ["clause"] = 24 }, NonZero(plain));
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"ch-1/art-{n}"), Addresses(plain, UnitKinds.Article));
        static IEnumerable<(string, string, string?, string)> ArticlesAndClauses(CandidateSet set) => set.Units
            .Where(u => u.Kind is UnitKinds.Article or UnitKinds.Clause)
            .Select(u => (u.Address, u.Kind, u.ParentAddress, u.ContentSha256));
        Assert.Equal(ArticlesAndClauses(markdown), ArticlesAndClauses(plain));
        var byAddress = plain.Units.ToDictionary(u => u.Address);
        Assert.Equal("QUỐC HỘI\n\nHIẾN PHÁP\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", byAddress["preamble"].Content);
        Assert.Equal("Chương I\nCHẾ ĐỘ CHÍNH TRỊ", byAddress["ch-1"].Content);
        Assert.Equal("Điều 13", byAddress["ch-1/art-13"].Heading);
        Assert.Equal("5. Thủ đô nước Cộng hòa xã hội chủ nghĩa Việt Nam là Hà Nội.", byAddress["ch-1/art-13/cl-5"].Content);
        Assert.Empty(plain.Warnings);
    }

    [Theory]
    [InlineData("eu-gdpr-2016-excerpt.md")]
    [InlineData("un-udhr-1948-plain-lines.md")]
    [InlineData("vn-hien-phap-2013-chuong-1-plain-lines.md")]
    public void CrlfCopyWithByteOrderMark_HasTheSamePayloadSha(string fileName)
    {
        var original = TestDocuments.Corpus(fileName);
        var text = Encoding.UTF8.GetString(original.Raw).Replace("\n", "\r\n", StringComparison.Ordinal);
        var raw = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var copy = DocumentCutter.Cut(KbDocumentReader.Read(original.Id, raw, null, fileName), CuttingOptions.Default);

        Assert.NotEqual(Cut(fileName).SourceSha, copy.SourceSha);
        Assert.Equal(Cut(fileName).PayloadSha, copy.PayloadSha);
    }
}
