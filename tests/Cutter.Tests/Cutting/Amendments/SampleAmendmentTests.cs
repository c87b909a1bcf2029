using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Rehearsal.Seeding;
using Xunit;

namespace Cutter.Tests.Cutting.Amendments;

/// <summary>
/// The rehearsal's second act: the amended sample charter (Samples/amendments/KB-2186.md) diffed against the charter the
/// first act enacts. Three units change, two are added, one is removed, and an inserted article renumbers the two after
/// it (docs/amendments.md walks through this diff).
/// </summary>
public class SampleAmendmentTests
{
    /// <summary>Every change that writes, in diff order (unchanged units are the other 43).</summary>
    public static readonly string[] ExpectedWrites =
    [
        "changed part-1/ch-1/art-1",
        "changed part-1/ch-2/art-3/cl-2",
        "added part-2/ch-3/art-5/cl-3",
        "changed part-2/ch-4/art-7/cl-1",
        "changed part-3/ch-5/art-9",
        "added part-3/ch-5/art-10",
        "moved part-3/ch-5/art-10/cl-1 <- part-3/ch-5/art-9/cl-1",
        "moved part-3/ch-5/art-10/cl-2 <- part-3/ch-5/art-9/cl-2",
        "moved part-3/ch-5/art-11 <- part-3/ch-5/art-10",
        "removed part-1/ch-1/art-2/cl-3",
    ];

    [Fact]
    public void TheAmendedCharter_DiffsAsDocumented()
    {
        var diff = AmendmentDiff.Compute(Enacted(Cut(SampleKnowledgeBase.Read(SampleRegistry.TargetFileName))), Cut(SampleKnowledgeBase.ReadAmended(SampleRegistry.TargetFileName)).Units);

        Assert.Equal(ExpectedWrites, diff.Writes.Select(Describe));
        Assert.Equal(43, diff.Counts()[AmendmentOperation.Unchanged]);
        Assert.Equal(52, diff.Changes.Count(change => change.After is not null));
    }

    [Fact]
    public void TheAmendedCharter_IsTheSameKbDocument_UnderTheSameCode()
    {
        var amended = Cut(SampleKnowledgeBase.ReadAmended(SampleRegistry.TargetFileName));

        Assert.Equal("ICX-CHARTER-2026", amended.DocumentCode.Value);
        Assert.Equal(SampleRegistry.TargetId, amended.KbId);
        Assert.Empty(amended.Warnings);
    }

    [Fact]
    public void AnAmendmentThatIsNotEmbedded_IsRefusedByName()
    {
        var error = Assert.Throws<InvalidInputException>(() => SampleKnowledgeBase.ReadAmended("KB-2001.md"));

        Assert.Contains("'KB-2001.md' is not embedded", error.Message, StringComparison.Ordinal);
    }

    private static CandidateSet Cut(byte[] bytes) =>
        DocumentCutter.Cut(KbDocumentReader.Read(SampleRegistry.TargetId, bytes, null, SampleRegistry.TargetFileName), CuttingOptions.Default);

    private static List<EnactedUnit> Enacted(CandidateSet set) =>
        [.. set.Units.Select(unit => EnactedUnit.Of(unit.Ordinal, unit.Address, unit.Ordinal, unit.Kind, unit.ParentAddress, unit.Heading, 1, unit.ContentSha256, unit.Content))];

    internal static string Describe(UnitChange change) => change.Operation == AmendmentOperation.Moved
        ? $"moved {change.Address} <- {change.Before!.Address}"
        : $"{AmendmentSerializer.WireName(change.Operation)} {change.Address}";
}
