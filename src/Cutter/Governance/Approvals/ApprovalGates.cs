using System.Collections.Frozen;

namespace Cutter.Governance.Approvals;

/// <summary>The gates' names as written in the <c>gate:</c> field of request and approval docs.</summary>
public static class ApprovalGates
{
    private static readonly FrozenDictionary<ApprovalGate, string> Names = new Dictionary<ApprovalGate, string>
    {
        [ApprovalGate.Sg1CutAuthz] = "SG_1_cut_authz",
        [ApprovalGate.Sg2LifecycleAuthz] = "SG_2_lifecycle_authz",
        [ApprovalGate.Sg3EscalationAuthz] = "SG_3_escalation_authz",
    }.ToFrozenDictionary();

    public static string WireName(this ApprovalGate gate) => Names[gate];

    public static bool TryParse(string? text, out ApprovalGate gate)
    {
        foreach (var (candidate, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal)) { gate = candidate; return true; }
        }
        gate = default;
        return false;
    }
}
