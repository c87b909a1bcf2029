using System.Text.Json.Serialization;

namespace Cutter.Verification;

/// <summary>One check's outcome: what it expected, what it found, and the verdict. <see cref="Actual"/> names what moved.</summary>
public sealed record CheckResult(string Name, string Expected, string Actual, CheckVerdict Verdict)
{
    [JsonIgnore] public bool Passed => Verdict == CheckVerdict.Pass;

    public static CheckResult Of(string name, string expected, string actual, bool passed) =>
        new(name, expected, actual, passed ? CheckVerdict.Pass : CheckVerdict.Fail);
}
