using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>The gates' names as written in the <c>gate:</c> field of request and approval docs (declared on <see cref="ApprovalGate"/>).</summary>
internal static class ApprovalGates
{
    public static string WireName(this ApprovalGate gate) => WireNames<ApprovalGate>.Of(gate);

    public static bool TryParse(string? text, out ApprovalGate gate) => WireNames<ApprovalGate>.TryParse(text, out gate);
}
