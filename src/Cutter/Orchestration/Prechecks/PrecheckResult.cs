using Cutter.Domain;
using Cutter.Domain.Checks;

namespace Cutter.Orchestration.Prechecks;

public enum PrecheckVerdict
{
    Passed,
    Failed,
    /// <summary>Not run, by an explicit configured waiver that carries its reason (shown in every report).</summary>
    Waived,
    /// <summary>Nothing here could fail: the check has no input to judge yet (shown as N/A, never counted as passed).</summary>
    NotApplicable,
}

/// <summary>One precheck's result line: its name, verdict and the reason in words an operator can act on.</summary>
public sealed record PrecheckResult(string Name, PrecheckVerdict Verdict, string Reason) : ICheckResult
{
    /// <summary>A waived check judged nothing: <see cref="CheckOutcome.NotApplicable"/>.</summary>
    public CheckOutcome Outcome => Verdict switch
    {
        PrecheckVerdict.Passed => CheckOutcome.Pass,
        PrecheckVerdict.Failed => CheckOutcome.Fail,
        _ => CheckOutcome.NotApplicable,
    };

    string ICheckResult.Detail => Reason;

    /// <summary>
    /// The STOP code a runner raises when this check fails: <see cref="StopCodes.PrecheckFailed"/> unless the check
    /// names a more specific one (drift, grant matrix).
    /// </summary>
    public StopCode StopCode { get; init; } = StopCodes.PrecheckFailed;

    /// <summary>Every individual finding behind the reason, one line each (the reason may show only the first few).</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>
    /// Typed data behind the verdict for callers that act on it, e.g. the <see cref="DriftComparison"/> of the drift
    /// check. Null when the check has nothing beyond its reason and details.
    /// </summary>
    public object? Evidence { get; init; }

    public bool IsBlocking => Verdict == PrecheckVerdict.Failed;

    public static PrecheckResult Pass(string name, string reason) => new(name, PrecheckVerdict.Passed, reason);
    public static PrecheckResult Fail(string name, string reason) => new(name, PrecheckVerdict.Failed, reason);
    public static PrecheckResult Waive(string name, string reason) => new(name, PrecheckVerdict.Waived, reason);
    public static PrecheckResult NotApplicable(string name, string reason) => new(name, PrecheckVerdict.NotApplicable, reason);
}
