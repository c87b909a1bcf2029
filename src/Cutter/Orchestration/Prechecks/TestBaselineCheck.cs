using Cutter.Domain;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The release's recorded test run (<c>orchestrator.test_baseline_file</c>, TRX or JUnit XML) passed in full and holds
/// at least <c>test_baseline_min</c> tests, so a release whose suite shrank or went red cannot run.
/// </summary>
internal sealed class TestBaselineCheck : IPrecheck
{
    public const string CheckName = "test_baseline";

    /// <summary>How many failing tests the reason names; <see cref="PrecheckResult.Details"/> has them all.</summary>
    private const int ShownInReason = 5;

    public string Name => CheckName;

    public Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var file = context.Settings.TestBaselineFile;
        var minimum = context.Settings.TestBaselineMin;
        if (string.IsNullOrWhiteSpace(file)) return Task.FromResult(PrecheckResult.Fail(Name, "orchestrator.test_baseline_file is not set"));
        if (minimum < 1) return Task.FromResult(PrecheckResult.Fail(Name, "orchestrator.test_baseline_min must be at least 1"));

        TestRunSummary summary;
        try
        {
            summary = TestResultsFile.Read(file);
        }
        catch (InvalidInputException ex)
        {
            return Task.FromResult(PrecheckResult.Fail(Name, ex.Message));
        }

        var problems = new List<string>();
        if (!summary.AllPassed)
        {
            var shown = string.Join(", ", summary.NotPassed.Take(ShownInReason));
            var more = summary.NotPassed.Count > ShownInReason ? $" and {summary.NotPassed.Count - ShownInReason} more" : "";
            problems.Add($"{summary.NotPassed.Count} of {summary.Total} test(s) did not pass: {shown}{more}");
        }
        if (summary.Total < minimum)
        {
            problems.Add($"{summary.Total} test(s) recorded, fewer than test_baseline_min {minimum}");
        }
        var result = problems.Count == 0
            ? PrecheckResult.Pass(Name, $"{summary.Passed}/{summary.Total} passed ({summary.Format} {file}; baseline {minimum})")
            : PrecheckResult.Fail(Name, string.Join("; ", problems));
        return Task.FromResult(result with { Details = summary.NotPassed.Select(t => t.ToString()).ToArray(), Evidence = summary });
    }
}
