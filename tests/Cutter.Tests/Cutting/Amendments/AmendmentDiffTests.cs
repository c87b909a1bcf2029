using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Xunit;

namespace Cutter.Tests.Cutting.Amendments;

public class AmendmentDiffTests
{
    private const string Charter = """
        # Charter of the Example Cooperative

        ## Article 1. Name

        The cooperative is called Example.

        ## Article 2. Purpose

        The cooperative serves its members.

        ## Article 3. Members

        (1) Any person may apply.
        (2) The board admits members.

        ## Article 4. Board

        The board has five members.

        ## Article 5. Meetings

        The general meeting meets once a year.

        ## Article 6. Votes

        Each member has one vote.

        ## Article 7. Dissolution

        Dissolution needs a two-thirds majority.

        """;

    // Three units change (art-1 text, art-3/cl-2 text, art-4 heading), two are added (a new art-5 and a clause of
    // art-3), art-2 is removed, and old articles 5, 6, 7 are renumbered 6, 7, 8 by the insertion.
    private const string Amended = """
        # Charter of the Example Cooperative

        ## Article 1. Name

        The cooperative is called Example Cooperative.

        ## Article 3. Members

        (1) Any person may apply.
        (2) The board admits members within thirty days.
        (3) Membership ends on resignation.

        ## Article 4. The Board

        The board has five members.

        ## Article 5. Audit

        An auditor checks the accounts every year.

        ## Article 6. Meetings

        The general meeting meets once a year.

        ## Article 7. Votes

        Each member has one vote.

        ## Article 8. Dissolution

        Dissolution needs a two-thirds majority.

        """;

    [Fact]
    public void AnAmendedCharter_IsDiffedByAddress_WithRenumberedArticlesAsMoves()
    {
        var diff = AmendmentDiff.Compute(Enacted(Charter), Cut(Amended).Units);

        Assert.Equal(
            [
                "unchanged text-1",
                "changed art-1",
                "unchanged art-3",
                "unchanged art-3/cl-1",
                "changed art-3/cl-2",
                "added art-3/cl-3",
                "changed art-4",
                "added art-5",
                "moved art-6 <- art-5",
                "moved art-7 <- art-6",
                "moved art-8 <- art-7",
                "removed art-2",
            ],
            diff.Changes.Select(Describe));
        Assert.Equal(3, diff.Counts()[AmendmentOperation.Changed]);
        Assert.Equal(2, diff.Counts()[AmendmentOperation.Added]);
        Assert.Equal(1, diff.Counts()[AmendmentOperation.Removed]);
        Assert.Equal(3, diff.Counts()[AmendmentOperation.Moved]);
        Assert.Equal(3, diff.Counts()[AmendmentOperation.Unchanged]);
    }

    [Fact]
    public void TheSameText_IsAnEmptyDiff()
    {
        var diff = AmendmentDiff.Compute(Enacted(Charter), Cut(Charter).Units);

        Assert.True(diff.IsEmpty);
        Assert.All(diff.Changes, change => Assert.Equal(AmendmentOperation.Unchanged, change.Operation));
        Assert.Equal(Cut(Charter).Units.Count, diff.Changes.Count);
    }

    [Fact]
    public void EqualBodies_ArePairedOnlyWhenAsManyLeftAsArrived()
    {
        const string before = "## Article 1\n\nRepealed.\n\n## Article 2\n\nRepealed.\n\n## Article 3\n\nKept.\n";
        // Two repealed articles become one, under a new number: the texts are ambiguous, so nothing is called a move.
        const string after = "## Article 3\n\nKept.\n\n## Article 4\n\nRepealed.\n";

        var diff = AmendmentDiff.Compute(Enacted(before), Cut(after).Units);

        Assert.Equal(["unchanged art-3", "added art-4", "removed art-1", "removed art-2"], diff.Changes.Select(Describe));
    }

    [Fact]
    public void AnEmptyBody_NeverMakesAMove()
    {
        const string before = "# Chapter I\n\n## Article 1\n\nOne.\n";
        const string after = "# Chapter II\n\n## Article 1\n\nOne.\n";

        var diff = AmendmentDiff.Compute(Enacted(before), Cut(after).Units);

        // The chapters have no text of their own, so the renamed one is added and removed; its article moves.
        Assert.Equal(["added ch-2", "moved ch-2/art-1 <- ch-1/art-1", "removed ch-1"], diff.Changes.Select(Describe));
    }

    [Fact]
    public void AClauseMovedToAnotherArticle_IsAMove()
    {
        const string before = "## Article 1\n\nIntro.\n\n(1) First.\n\n## Article 2\n\nTwo.\n";
        const string after = "## Article 1\n\nIntro.\n\n## Article 2\n\nTwo.\n\n(1) First.\n";

        var diff = AmendmentDiff.Compute(Enacted(before), Cut(after).Units);

        Assert.Equal(["unchanged art-1", "unchanged art-2", "moved art-2/cl-1 <- art-1/cl-1"], diff.Changes.Select(Describe));
    }

    [Fact]
    public void TheDiffSha_BindsTheOperations_AndTheEnactedStateItWasMadeAgainst()
    {
        var code = DocumentCode.Parse("ICX-TEST");
        var enacted = Enacted(Charter);
        var enactedSha = AmendmentSerializer.EnactedSha(code, enacted);
        var diff = AmendmentDiff.Compute(enacted, Cut(Amended).Units);
        var sha = AmendmentSerializer.DiffSha(code, enactedSha, diff);

        Assert.StartsWith("sha256:amendment-v1:", sha.ToString(), StringComparison.Ordinal);
        Assert.Equal(sha, AmendmentSerializer.DiffSha(code, AmendmentSerializer.EnactedSha(code, Enacted(Charter)), AmendmentDiff.Compute(Enacted(Charter), Cut(Amended).Units)));

        // Another enacted state (one version later), another text, or another document: another sha.
        var later = enacted.Select(unit => unit.Address == "art-4" ? unit with { VersionNo = 2 } : unit).ToList();
        Assert.NotEqual(sha, AmendmentSerializer.DiffSha(code, AmendmentSerializer.EnactedSha(code, later), diff));
        Assert.NotEqual(sha, AmendmentSerializer.DiffSha(code, enactedSha, AmendmentDiff.Compute(enacted, Cut(Amended.Replace("thirty", "forty", StringComparison.Ordinal)).Units)));
        Assert.NotEqual(sha, AmendmentSerializer.DiffSha(DocumentCode.Parse("ICX-OTHER"), enactedSha, diff));
    }

    [Fact]
    public void DuplicateEnactedAddresses_AreRefused()
    {
        var enacted = Enacted(Charter);
        var twice = enacted.Append(enacted[1] with { UnitId = 99 }).ToList();

        var error = Assert.Throws<ArgumentException>(() => AmendmentDiff.Compute(twice, Cut(Charter).Units));
        Assert.Contains("'art-1' twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Article 5. Meetings", "Article 5. Meetings\n\nThe meeting.", "The meeting.")]
    [InlineData("Article 5", "Article 5", "")]
    [InlineData("Preamble", "We the members.", "We the members.")]
    [InlineData("Article 5", "Article 50\n\nText.", "Article 50\n\nText.")]
    public void TheBody_IsTheTextBelowTheHeadingLine(string heading, string content, string body) =>
        Assert.Equal(body, UnitBody.Of(heading, content));

    private static CandidateSet Cut(string body) => TestDocuments.Cut(body);

    private static List<EnactedUnit> Enacted(string body) =>
        [.. Cut(body).Units.Select(unit => EnactedUnit.Of(unit.Ordinal, unit.Address, unit.Ordinal, unit.Kind, unit.ParentAddress,
            unit.Heading, 1, unit.ContentSha256, unit.Content))];

    private static string Describe(UnitChange change) => change.Operation switch
    {
        AmendmentOperation.Moved => $"moved {change.Address} <- {change.Before!.Address}",
        _ => $"{AmendmentSerializer.WireName(change.Operation)} {change.Address}",
    };
}
