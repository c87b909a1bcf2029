using System.Text.Json.Serialization;
using Cutter.Domain.Checks;

namespace Cutter.Verification;

/// <summary>One check's outcome: what it expected, what it found, and the verdict. <see cref="Actual"/> names what moved.</summary>
public sealed record CheckResult(string Name, string Expected, string Actual, CheckVerdict Verdict) : ICheckResult
{
    // Not in the report: its schema (docs/verification-report.schema.json) has expected, actual and verdict.
    [JsonIgnore] public CheckOutcome Outcome => Verdict == CheckVerdict.Pass ? CheckOutcome.Pass : CheckOutcome.Fail;

    [JsonIgnore] public string Detail => $"expected {Expected}; found {Actual}";

    [JsonIgnore] public bool Passed => Verdict == CheckVerdict.Pass;

    public static CheckResult Of(string name, string expected, string actual, bool passed) =>
        new(name, expected, actual, passed ? CheckVerdict.Pass : CheckVerdict.Fail);
}
