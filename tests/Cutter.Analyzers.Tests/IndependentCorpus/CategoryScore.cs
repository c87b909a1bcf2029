using System.Globalization;
using Cutter.Analyzers.Tests.Corpus;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// One category's result: for a CUT001/CUT002 category the cases that raised the expected rule (recall); for a
/// clean category the cases that raised anything (false positives). Renders as a row of the docs table.
/// </summary>
internal sealed record CategoryScore(string Category, string Expected, int Cases, int Hits)
{
    public bool IsClean => Expected == CorpusCase.Clean;

    /// <summary>Recall for a rule category, false-positive rate for a clean one.</summary>
    public double Rate => (double)Hits / Cases;

    public string Row => IsClean
        ? $"| {Category} | clean | {Cases} | — | {Hits} ({Rate.ToString("P1", CultureInfo.InvariantCulture)}) |"
        : $"| {Category} | {Expected} | {Cases} | {Hits}/{Cases} ({Rate.ToString("P1", CultureInfo.InvariantCulture)}) | — |";

    public static string Table(IEnumerable<CategoryScore> scores)
    {
        var list = scores.ToList();
        var lines = new List<string>
        {
            "| Category | Expected | Cases | Recall | False positives |",
            "| --- | --- | --- | --- | --- |",
        };
        lines.AddRange(list.Select(s => s.Row));
        foreach (var rule in new[] { RuleIdentifiers.HardCodedSecret, RuleIdentifiers.HardCodedRuntimeId })
        {
            var ofRule = list.Where(s => s.Expected == rule).ToList();
            var cases = ofRule.Sum(s => s.Cases);
            var hits = ofRule.Sum(s => s.Hits);
            lines.Add($"| **all {rule}** ({ofRule.Count} categories) | {rule} | {cases} | {hits}/{cases} ({((double)hits / cases).ToString("P1", CultureInfo.InvariantCulture)}) | — |");
        }
        var clean = list.Where(s => s.IsClean).ToList();
        var cleanCases = clean.Sum(s => s.Cases);
        var falsePositives = clean.Sum(s => s.Hits);
        lines.Add($"| **all clean** ({clean.Count} categories) | clean | {cleanCases} | — | {falsePositives} ({((double)falsePositives / cleanCases).ToString("P1", CultureInfo.InvariantCulture)}) |");
        return string.Join("\n", lines) + "\n";
    }
}
