using Cutter.Domain.Checks;

namespace Cutter.Verification;

/// <summary>
/// One post-run check. Checks only read: the state file, the KB, and the store through the cutter_verify lane.
/// Its name is the one in the report and the xUnit gate.
/// </summary>
public interface IVerificationCheck : ICheck<VerificationContext, CheckResult>
{
    /// <summary>One line on what a pass proves (docs/verification.md has the longer form).</summary>
    string Proves { get; }
}
