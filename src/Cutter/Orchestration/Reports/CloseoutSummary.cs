using System.Globalization;
using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Reports;

/// <summary>
/// The closeout summary sha: SHA-256 over "cutter-closeout-v1" and one line per fact, in this order: run id, document,
/// payload sha, candidate count, then per phase "number name result rows", then per gate (ordinal order)
/// "gate approval decision signer". docs/state-json.md shows an example.
/// </summary>
internal static class CloseoutSummary
{
    public static string Sha(RunState state)
    {
        var text = new StringBuilder("cutter-closeout-v1\n");
        text.Append(CultureInfo.InvariantCulture, $"{state.RunId}\n{state.Document.KbId}\n{state.PayloadSha}\n{state.CandidateCount}\n");
        foreach (var phase in state.Phases) text.Append(CultureInfo.InvariantCulture, $"{phase.Number} {phase.Name} {WireNames<PhaseResult>.Of(phase.Result)} {phase.RowsWritten}\n");
        foreach (var gate in state.Gates.Values.OrderBy(g => g.Gate.WireName(), StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{gate.Gate.WireName()} {gate.ApprovalKbId} {gate.ReviewDecisionId} {gate.Signer}\n");
        }
        return Sha256Hex.Of(text.ToString()).Value;
    }
}
