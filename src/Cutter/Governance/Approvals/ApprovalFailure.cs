namespace Cutter.Governance.Approvals;

/// <summary>Raised inside the shared checks; each verifier turns it into a StopException with its own STOP code.</summary>
internal sealed class ApprovalFailure(ApprovalCheck check, string detail) : Exception($"{check}: {detail}")
{
    public ApprovalCheck Check { get; } = check;
    public string Detail { get; } = detail;
}
