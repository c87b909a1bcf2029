using System.Globalization;
using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Verification;

/// <summary>The Markdown beside the signed report, for people: the checks, the phase timeline with durations, the counts.</summary>
internal static class VerificationSummary
{
    public static string Render(VerificationReport report, RunState state, VerificationArtifacts artifacts)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Verification of run {report.RunId}: {(report.Passed ? "PASSED" : "FAILED")}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- document: {report.Document.KbId} {report.Document.Code} ({report.Document.Title})\n");
        md.Append(CultureInfo.InvariantCulture, $"- database: {report.Database.DatabaseName} on PostgreSQL {report.Database.ServerVersion}, system identifier {report.Database.SystemIdentifier}, as {report.Database.CurrentUser}\n");
        md.Append(CultureInfo.InvariantCulture, $"- grant matrix sha: {report.GrantMatrix.Actual} (pin {report.GrantMatrix.Expected})\n");
        md.Append(CultureInfo.InvariantCulture, $"- tool: {report.Tool.Name} {report.Tool.Version}, commit {report.Tool.Commit}\n");
        md.Append(CultureInfo.InvariantCulture, $"- verified: {report.StartedUtc:u} to {report.FinishedUtc:u}\n");
        md.Append(CultureInfo.InvariantCulture, $"- report: {artifacts.ReportFileName}, verification {report.Sequence} of the run; previous: {(report.PreviousReport is { } previous ? $"{previous.File} ({previous.Sha256})" : "none")}\n");
        md.Append(CultureInfo.InvariantCulture, $"- signature: {artifacts.SignatureFileName} (SSHSIG namespace {VerificationReport.SignatureNamespace})\n\n");

        md.Append("## Checks\n\n| # | check | verdict | expected | actual |\n| --- | --- | --- | --- | --- |\n");
        var i = 0;
        foreach (var check in report.Checks)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {++i} | {check.Name} | {(check.Passed ? "pass" : "**FAIL**")} | {Cell(check.Expected)} | {Cell(check.Actual)} |\n");
        }

        md.Append("\n## Phase timeline\n\n| # | phase | result | started (UTC) | finished (UTC) | ms | rows |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var phase in state.Phases)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {phase.Number} | {phase.Name} | {WireNames<PhaseResult>.Of(phase.Result)} | {phase.StartedUtc:HH:mm:ss.fff} | {phase.FinishedUtc:HH:mm:ss.fff} | {phase.DurationMs} | {phase.RowsWritten} |\n");
        }
        var first = state.Phases.Min(p => p.StartedUtc);
        var last = state.Phases.Max(p => p.FinishedUtc);
        if (first is { } from && last is { } to)
        {
            md.Append(CultureInfo.InvariantCulture, $"\nWall time from phase 1 to phase 11, gate waits included: {(to - from).TotalSeconds:0.0} s; in phases: {state.Phases.Sum(p => p.DurationMs ?? 0)} ms.\n");
        }

        md.Append("\n## Counts\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- candidate units: {state.CandidateCount}\n");
        if (state.UnitKindCounts is { } kinds)
        {
            md.Append(CultureInfo.InvariantCulture, $"- by kind: {string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))}\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"- rows written by phases: {state.Phases.Sum(p => p.RowsWritten)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- non-target documents in the pre-run snapshot: {state.PreRunSnapshot?.Documents.Count(d => d.KbId != state.Document.KbId)}\n");
        foreach (var gate in state.Gates.Values.OrderBy(g => g.Gate.WireName(), StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"- {gate.Gate.WireName()}: approval {gate.ApprovalKbId} by {gate.Signer}, review decision {gate.ReviewDecisionId}\n");
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
