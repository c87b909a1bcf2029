using Cutter.Analyzers.Tests.Support;
using Xunit.Abstractions;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// The measure of CUT001/CUT002: the independent corpus (shapes written from issuers' and providers' documentation,
/// sharing nothing with the rules' tables). Every category must meet its rate, the table in
/// docs/analyzers/corpus.md must be the one measured, and <c>cutter scan</c> must find exactly what the build finds.
/// </summary>
public sealed class IndependentCorpusTests(IndependentCorpusRun run, ITestOutputHelper output) : IClassFixture<IndependentCorpusRun>
{
    private const double SecretRecall = 0.97;
    private const double RuntimeIdRecall = 0.95;
    private const double FalsePositiveRate = 0.01;
    private const string TableStart = "<!-- corpus-table:start -->";
    private const string TableEnd = "<!-- corpus-table:end -->";

    [Fact]
    public void Corpus_HasAtLeast600CasesOver40Categories_IncludingCleanLookalikes()
    {
        Assert.True(run.Corpus.Cases.Count >= 600, $"{run.Corpus.Cases.Count} cases");
        Assert.True(IndependentCases.AllCategories.Count >= 40, $"{IndependentCases.AllCategories.Count} categories");
        Assert.True(IndependentCases.AllCategories.Count(c => c.Expected == Corpus.CorpusCase.Clean) >= 10);
        Assert.Equal(IndependentCases.AllCategories.Count, IndependentCases.AllCategories.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void EveryCategory_MeetsItsRate()
    {
        var scores = Scores();
        output.WriteLine(CategoryScore.Table(scores));
        var failing = scores.Where(s => s.IsClean ? s.Rate > FalsePositiveRate
            : s.Rate < (s.Expected == RuleIdentifiers.HardCodedSecret ? SecretRecall : RuntimeIdRecall)).ToList();
        foreach (var miss in Misses())
        {
            output.WriteLine(miss);
        }
        Assert.True(failing.Count == 0, "categories below target: " + string.Join(", ", failing.Select(f => f.Row)));
    }

    [Fact]
    public void DocsTable_IsTheMeasuredOne()
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "analyzers", "corpus.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(TableStart, StringComparison.Ordinal) + TableStart.Length;
        var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
        var measured = CategoryScore.Table(Scores());
        Assert.True(start > TableStart.Length - 1 && end > start, $"{path} has no {TableStart} ... {TableEnd} section");
        Assert.Equal(measured, text[start..end].Trim('\n') + "\n");
    }

    [Fact]
    public void BuildAndScan_ReportTheSameFindings_RuleFileLineColumn()
    {
        output.WriteLine($"build {run.FromBuild.Count} findings, scan {run.FromScan.Count}");
        Assert.NotEmpty(run.FromBuild);
        Assert.Equal(run.FromBuild, run.FromScan);
    }

    private List<CategoryScore> Scores()
    {
        var byCase = run.RulesByCase();
        return IndependentCases.AllCategories.Select(category =>
        {
            var cases = run.Corpus.Cases.Where(c => run.Corpus.Categories[c] == category.Name).ToList();
            var hits = cases.Count(c => byCase.TryGetValue(c, out var rules)
                && (category.Expected == Corpus.CorpusCase.Clean ? rules.Count > 0 : rules.Contains(category.Expected)));
            return new CategoryScore(category.Name, category.Expected, cases.Count, hits);
        }).ToList();
    }

    private IEnumerable<string> Misses()
    {
        var byCase = run.RulesByCase();
        foreach (var c in run.Corpus.Cases)
        {
            var rules = byCase.GetValueOrDefault(c) ?? [];
            var wrong = c.Expected == Corpus.CorpusCase.Clean ? rules.Count > 0 : !rules.Contains(c.Expected);
            if (wrong)
            {
                yield return $"  {run.Corpus.Categories[c]} #{c.Number} expected {c.Expected} got [{string.Join(",", rules)}]: {c.Snippet}";
            }
        }
    }
}
