namespace Cutter.Verification;

/// <summary>One post-run check. Checks only read: the state file, the KB, and the store through the cutter_verify lane.</summary>
public interface IVerificationCheck
{
    /// <summary>Stable snake_case name used in the report and by the xUnit gate.</summary>
    string Name { get; }

    /// <summary>One line on what a pass proves (docs/verification.md has the longer form).</summary>
    string Proves { get; }

    Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken);
}
