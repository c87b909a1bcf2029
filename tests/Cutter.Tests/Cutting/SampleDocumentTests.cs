using Cutter.Rehearsal.Seeding;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Cutting;

public class SampleDocumentTests
{
    private static CandidateSet CutSample(string fileName) =>
        DocumentCutter.Cut(KbDocumentReader.Read(KbDocId.Parse(fileName[..^3]), SampleKnowledgeBase.Read(fileName), null, fileName), CuttingOptions.Default);

    [Theory]
    [InlineData("KB-2001.md", "ICX-CONST", 60)]
    [InlineData("KB-2002.md", "ICX-ETHICS", 21)]
    [InlineData("KB-2003.md", "ICX-BYLAWS", 25)]
    [InlineData("KB-2186.md", "ICX-CHARTER-2026", 51)]
    public void Sample_CutsToItsPinnedCount_WithoutWarnings(string fileName, string code, int count)
    {
        var set = CutSample(fileName);

        Assert.Equal(code, set.DocumentCode.Value);
        Assert.Equal(count, set.CandidateCount);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void RehearsalTarget_HasPartsChaptersArticlesClausesAndPoints()
    {
        var set = CutSample("KB-2186.md");

        Assert.InRange(set.CandidateCount, 40, 80);
        Assert.Equal(
            new Dictionary<string, int> { ["preamble"] = 1, ["part"] = 3, ["chapter"] = 5, ["article"] = 10, ["clause"] = 17, ["point"] = 14, ["text"] = 1 },
            set.CountsByKind().Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value));
        var unit = set.Units.Single(u => u.Address == "part-1/ch-1/art-2/cl-2/pt-c");
        Assert.Equal("part-1/ch-1/art-2/cl-2", unit.ParentAddress);
        Assert.Equal("(c) answer any member's question about a rule within thirty days.", unit.Content);
        Assert.Equal(32, unit.SourceLine);
    }

    [Fact]
    public void Samples_AreAllEmbedded()
    {
        Assert.Equal(["KB-2001.md", "KB-2002.md", "KB-2003.md", "KB-2186.md"], SampleKnowledgeBase.FileNames);
    }
}
