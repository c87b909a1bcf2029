namespace Cutter.Governance.Approvals;

/// <summary>What a signed governance doc authorizes. Wire names: <c>approval</c>, <c>execution_ruling</c>.</summary>
internal enum ApprovalKind
{
    /// <summary>A gate approval (SG_1, SG_2 or SG_3).</summary>
    Approval,
    /// <summary>The run-scoped, time-limited authorization to turn the execution flag on (phase 6).</summary>
    ExecutionRuling,
}
