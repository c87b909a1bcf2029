namespace Cutter.Governance.Approvals;

/// <summary>The human approval gates of a run. Wire names (in approval docs) are in <see cref="ApprovalGates"/>.</summary>
public enum ApprovalGate
{
    /// <summary>SG_1: authorizes writing one candidate set (binds run and payload sha). Before phase 5.</summary>
    Sg1CutAuthz,
    /// <summary>SG_2: authorizes the lifecycle transition draft -> enacted. Before phase 10.</summary>
    Sg2LifecycleAuthz,
    /// <summary>SG_3: authorizes an escalation (torn-write compensation or revert), binding the action and the state sha.</summary>
    Sg3EscalationAuthz,
}
