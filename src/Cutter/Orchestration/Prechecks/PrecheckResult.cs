namespace Cutter.Orchestration.Prechecks;

public enum PrecheckVerdict
{
    Passed,
    Failed,
    /// <summary>Not run, by an explicit configured waiver that carries its reason (shown in every report).</summary>
    Waived,
}

/// <summary>One precheck's result line: its name, verdict and the reason in words an operator can act on.</summary>
public sealed record PrecheckResult(string Name, PrecheckVerdict Verdict, string Reason)
{
    public static PrecheckResult Pass(string name, string reason) => new(name, PrecheckVerdict.Passed, reason);
    public static PrecheckResult Fail(string name, string reason) => new(name, PrecheckVerdict.Failed, reason);
}
