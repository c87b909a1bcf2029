namespace Cutter.Orchestration.Gates;

/// <summary>The approval gates, by their wire names.</summary>
public static class GateNames
{
    public const string CutAuthorization = "SG_1_cut_authz";
    public const string LifecycleAuthorization = "SG_2_lifecycle_authz";
    public const string Escalation = "SG_3_escalation_authz";
}
