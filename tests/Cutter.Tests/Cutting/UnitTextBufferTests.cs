using Cutter.Cutting;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// One text buffer passes between the units of a build (<see cref="UnitTextBuffer"/>): whatever order lines come in,
/// each unit's text is its own lines, in order, with the separators it would have had in a buffer of its own.
/// </summary>
public class UnitTextBufferTests
{
    [Fact]
    public void LinesForAnEarlierUnit_AfterALaterOneTookTheBuffer_StayTheEarlierUnits()
    {
        var buffer = new UnitTextBuffer();
        var (article, clause) = (Unit(buffer, "art-1"), Unit(buffer, "art-1/cl-1"));

        article.AppendLine("Article 1", newBlock: false, isBody: false);
        clause.AppendLine("1. First.", newBlock: false);
        article.AppendLine("Text after the clause.", newBlock: true);
        clause.AppendLine("more of the clause", newBlock: false);
        buffer.Release();

        Assert.Equal("Article 1\n\nText after the clause.", article.NormalizedContent());
        Assert.Equal("1. First.\nmore of the clause", clause.NormalizedContent());
    }

    [Fact]
    public void AnEmptyFirstLine_GetsNoSeparatorAfterIt()
    {
        var buffer = new UnitTextBuffer();
        var unit = Unit(buffer, "preamble");

        unit.AppendLine("", newBlock: false);
        unit.AppendLine("Text.", newBlock: true);

        Assert.Equal("Text.", unit.NormalizedContent());
        Assert.True(unit.HasBody);
    }

    [Fact]
    public void TheTextIsMade_WhenReadWhileTheBufferStillHoldsIt()
    {
        var buffer = new UnitTextBuffer();
        var unit = Unit(buffer, "art-2");

        unit.AppendMarkedLine("(a)", "a point", newBlock: false, isBody: true);

        Assert.Equal("(a) a point", unit.NormalizedContent());
        Assert.Equal("(a) a point", unit.NormalizedContent()); // read twice: the buffer no longer holds it
    }

    private static DraftUnit Unit(UnitTextBuffer buffer, string address) =>
        new(buffer, UnitKinds.Article, address, null, "", null, null, 1);
}
