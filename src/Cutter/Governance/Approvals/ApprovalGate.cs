using System.Text.Json.Serialization;
using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>
/// The human approval gates of a run: the one gate type of approval docs, gate requests, review decisions and
/// state.json's <c>gates</c> map. The wire names (the <c>gate:</c> field, <c>review_decision.gate</c>, state.json
/// keys) are the member attributes; <see cref="ApprovalGates"/> reads and writes them.
/// </summary>
[JsonConverter(typeof(WireNameConverter<ApprovalGate>))]
public enum ApprovalGate
{
    /// <summary>SG_1: authorizes writing one candidate set (binds run and payload sha). Before phase 5.</summary>
    [JsonStringEnumMemberName("SG_1_cut_authz")]
    Sg1CutAuthz,
    /// <summary>SG_2: authorizes the lifecycle transition draft -> enacted. Before phase 10.</summary>
    [JsonStringEnumMemberName("SG_2_lifecycle_authz")]
    Sg2LifecycleAuthz,
    /// <summary>SG_3: authorizes an escalation (torn-write compensation or revert), binding the action and the state sha.</summary>
    [JsonStringEnumMemberName("SG_3_escalation_authz")]
    Sg3EscalationAuthz,
}
