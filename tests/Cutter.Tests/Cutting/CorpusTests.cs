using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>Real public-domain texts, typed from their public sources: the counts are what the texts really have.</summary>
public class CorpusTests
{
    private static Dictionary<string, int> NonZero(CandidateSet set) =>
        set.CountsByKind().Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);

    [Fact]
    public void UsConstitution_HasSevenArticles_TwentySevenAmendments_AndEverySection()
    {
        var set = DocumentCutter.Cut(TestDocuments.Corpus("us-constitution.md"), CuttingOptions.Default);

        // Sections: Article I 10, II 4, III 3, IV 4 (21); amendments XIII 2, XIV 5, XV 2, XVIII 3, XX 6, XXI 3,
        // XXII 2, XXIII 2, XXIV 2, XXV 4, XXVI 2 (33).
        Assert.Equal(new Dictionary<string, int>
        {
            ["text"] = 1, ["preamble"] = 1, ["article"] = 7, ["section"] = 54, ["amendment"] = 27,
        }, NonZero(set));
        Assert.Equal(90, set.CandidateCount);
        Assert.Empty(set.Warnings);
        Assert.Equal(21, set.Units.Count(u => u.Kind == UnitKinds.Section && u.Address.StartsWith("art-", StringComparison.Ordinal)));
        Assert.Equal(10, set.Units.Count(u => u.ParentAddress == "art-1"));
        Assert.Equal(5, set.Units.Count(u => u.ParentAddress == "amend-14"));
        Assert.Equal(6, set.Units.Count(u => u.ParentAddress == "amend-20"));
    }

    [Fact]
    public void UsConstitution_AddressesAreExact()
    {
        var set = DocumentCutter.Cut(TestDocuments.Corpus("us-constitution.md"), CuttingOptions.Default);
        var byAddress = set.Units.ToDictionary(u => u.Address);

        Assert.Equal(["text-1", "preamble", "art-1", "art-1/sec-1"], set.Units.Take(4).Select(u => u.Address));
        Assert.StartsWith("Section 8\n\nThe Congress shall have Power To lay and collect Taxes", byAddress["art-1/sec-8"].Content, StringComparison.Ordinal);
        Assert.Equal("art-1", byAddress["art-1/sec-8"].ParentAddress);
        Assert.StartsWith("Article V\n\nThe Congress, whenever two thirds", byAddress["art-5"].Content, StringComparison.Ordinal);
        Assert.Equal("amend-14", byAddress["amend-14/sec-1"].ParentAddress);
        Assert.Contains("equal protection of the laws", byAddress["amend-14/sec-1"].Content, StringComparison.Ordinal);
        Assert.Equal("Amendment XXVII", set.Units[^1].Heading);
        Assert.Equal("amend-27", set.Units[^1].Address);
        Assert.Equal(Enumerable.Range(1, 90), set.Units.Select(u => u.Ordinal));
    }

    [Fact]
    public void HienPhap2013ChuongI_HasThirteenDieu_AndTwentyFourKhoan()
    {
        var set = DocumentCutter.Cut(TestDocuments.Corpus("vn-hien-phap-2013-chuong-1.md"), CuttingOptions.Default);

        // Khoản: Điều 2: 3, Điều 4: 3, Điều 5: 4, Điều 7: 2, Điều 8: 2, Điều 9: 3, Điều 11: 2, Điều 13: 5.
        Assert.Equal(new Dictionary<string, int> { ["text"] = 1, ["chapter"] = 1, ["article"] = 13, ["clause"] = 24 }, NonZero(set));
        Assert.Empty(set.Warnings);
        var byAddress = set.Units.ToDictionary(u => u.Address);
        Assert.Equal("5. Thủ đô nước Cộng hòa xã hội chủ nghĩa Việt Nam là Hà Nội.", byAddress["ch-1/art-13/cl-5"].Content);
        Assert.Equal("ch-1/art-13", byAddress["ch-1/art-13/cl-5"].ParentAddress);
        // The unnumbered paragraph after khoản 1 of Điều 9 belongs to khoản 1, the nearest unit.
        Assert.Contains("\n\nMặt trận Tổ quốc Việt Nam là cơ sở chính trị", byAddress["ch-1/art-9/cl-1"].Content, StringComparison.Ordinal);
        Assert.Equal("Điều 1\n\nNước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập, có chủ quyền, thống nhất và toàn vẹn lãnh thổ, bao gồm đất liền, hải đảo, vùng biển và vùng trời.",
            byAddress["ch-1/art-1"].Content);
    }

    [Fact]
    public void LuatAnNinhMang2018Dieu8_HasSixKhoan_AndSixDiem_InVietnameseOrder()
    {
        var set = DocumentCutter.Cut(TestDocuments.Corpus("vn-luat-an-ninh-mang-2018-dieu-8.md"), CuttingOptions.Default);

        Assert.Equal(new Dictionary<string, int> { ["text"] = 1, ["chapter"] = 1, ["article"] = 1, ["clause"] = 6, ["point"] = 6 }, NonZero(set));
        Assert.Equal(
            ["ch-1/art-8/cl-1/pt-a", "ch-1/art-8/cl-1/pt-b", "ch-1/art-8/cl-1/pt-c", "ch-1/art-8/cl-1/pt-d", "ch-1/art-8/cl-1/pt-dd", "ch-1/art-8/cl-1/pt-e"],
            set.Units.Where(u => u.Kind == UnitKinds.Point).Select(u => u.Address));
        var dd = set.Units.Single(u => u.Address == "ch-1/art-8/cl-1/pt-dd");
        Assert.Equal("đ)", dd.Heading);
        Assert.StartsWith("đ) Hoạt động mại dâm", dd.Content, StringComparison.Ordinal);
        // The excerpt starts at Điều 8, which the cutter reports as a warning, not an error.
        var warning = Assert.Single(set.Warnings);
        Assert.Equal("skipped-numbering", warning.Code);
        Assert.Equal(14, warning.Line);
    }
}
