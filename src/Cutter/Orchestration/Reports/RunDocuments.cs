using Cutter.Domain.Hashing;
using System.Globalization;
using System.Text;
using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Reports;

/// <summary>The KB documents a run writes: one report per phase, the gate requests, and the closeout.</summary>
internal static class RunDocuments
{
    public const string PhaseReportKind = "phase_report";
    public const string CloseoutKind = "closeout";

    public static byte[] PhaseReport(RunState state, PhaseRecord phase) => ReportDocument.Render(
        [
            new("kind", PhaseReportKind),
            new("run_id", state.RunId),
            new("mode", WireNames<RunMode>.Of(state.Mode)),
            new("document", state.Document.KbId),
            new("phase", phase.Number.ToString(CultureInfo.InvariantCulture)),
            new("phase_name", phase.Name),
            new("result", WireNames<PhaseResult>.Of(phase.Result)),
            new("started_utc", Iso(phase.StartedUtc)),
            new("finished_utc", Iso(phase.FinishedUtc)),
            new("rows_written", phase.RowsWritten.ToString(CultureInfo.InvariantCulture)),
        ],
        $"# Phase {phase.Number} ({phase.Name}) of run {state.RunId}\n\n{phase.Detail}\n");

    /// <summary>An SG_1 or SG_2 request, in the format `cutter approve` reads (<see cref="Governance.Approvals.ApprovalRequest"/>).</summary>
    public static byte[] GateRequest(RunState state, ApprovalGate gate, string whatWillBeWritten)
    {
        var runId = RunId.Parse(state.RunId);
        var code = DocumentCode.Parse(state.Document.Code);
        var count = state.CandidateCount ?? 0;
        var summary = $"# {gate.WireName()} requested for run {state.RunId}\n\n{whatWillBeWritten}\n\n"
            + "Approve with `cutter approve --request <this doc id> --key <your ssh key> --signer <your name>`, then `cutter resume --run-id "
            + state.RunId + " --approval <approval doc id>`.\n";
        var request = gate == ApprovalGate.Sg1CutAuthz
            ? Governance.Approvals.ApprovalRequest.ForCut(runId, VersionedHash.ParsePayload(state.PayloadSha, "payload_sha"), count, code, summary)
            : Governance.Approvals.ApprovalRequest.ForLifecycle(runId, count, code, summary);
        return request.ToBytes();
    }

    public static string Sg1WhatWillBeWritten(RunState state, AmendmentPlan? amendment = null) =>
        state.AmendmentCounts is { } counts
            ? AmendmentRequestText.Sg1(state, counts, amendment)
            : $"On approval Cutter will take an encrypted backup, turn the execution flag on under the execution ruling, and write "
                + $"{state.CandidateCount} information units and {state.CandidateCount} unit versions of {state.Document.Code} ({state.Document.KbId}) as draft. "
                + $"Payload sha256: {state.PayloadSha}.";

    public static string Sg2WhatWillBeWritten(RunState state) =>
        state.AmendmentCounts is not null
            ? AmendmentRequestText.Sg2(state)
            : $"The {state.CandidateCount} draft units of {state.Document.Code} passed the draft invariants. On approval Cutter will enact them "
                + $"(draft -> enacted, one lifecycle_log row each, {state.CandidateCount} rows) and close the run out.";

    /// <summary>The execution ruling request written beside the SG_1 request: answered with `cutter approve` like any request.</summary>
    public static byte[] RulingRequest(RunState state, int ttlMinutes) =>
        Governance.Approvals.ApprovalRequest.ForRuling(RunId.Parse(state.RunId), TimeSpan.FromMinutes(ttlMinutes),
            $"# Execution ruling requested for run {state.RunId}\n\nAuthorizes turning `__execution_enabled__` on for this run only, "
            + $"while it writes {state.CandidateCount} units of {state.Document.Code}, for at most {ttlMinutes} minutes.\n").ToBytes();

    public static byte[] Closeout(RunState state, string summarySha, IReadOnlyList<Store.Audit.ChainHead>? chainHeads = null) => ReportDocument.Render(
        [
            new("kind", CloseoutKind),
            new("run_id", state.RunId),
            new("document", state.Document.KbId),
            new("document_code", state.Document.Code ?? ""),
            new("final_state", state.FinalState?.WireName() ?? ""),
            new("payload_sha", state.PayloadSha ?? ""),
            new("candidate_count", (state.CandidateCount ?? 0).ToString(CultureInfo.InvariantCulture)),
            new("summary_sha", summarySha),
        ],
        CloseoutBody(state, chainHeads ?? []));

    private static string CloseoutBody(RunState state, IReadOnlyList<Store.Audit.ChainHead> chainHeads)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"# Closeout of run {state.RunId}\n\n| phase | name | result | rows | ms |\n| --- | --- | --- | --- | --- |\n");
        foreach (var p in state.Phases)
        {
            body.Append(CultureInfo.InvariantCulture, $"| {p.Number} | {p.Name} | {WireNames<PhaseResult>.Of(p.Result)} | {p.RowsWritten} | {p.DurationMs} |\n");
        }
        body.Append("\n## Gates\n\n");
        foreach (var gate in state.Gates.Values.OrderBy(g => g.Gate.WireName(), StringComparer.Ordinal))
        {
            body.Append(CultureInfo.InvariantCulture, $"- {gate.Gate.WireName()}: approval {gate.ApprovalKbId} by {gate.Signer}, review decision {gate.ReviewDecisionId}\n");
        }
        if (chainHeads.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n{ChainHeadsHeading}\n\nCheck with `cutter audit verify` (docs/audit.md).\n\n| chain | rows | head |\n| --- | --- | --- |\n");
            foreach (var head in chainHeads)
            {
                body.Append(CultureInfo.InvariantCulture, $"| {head.Chain} | {head.Rows} | {head.Head ?? "(empty)"} |\n");
            }
        }
        return body.ToString();
    }

    /// <summary>
    /// The chain heads a closeout doc recorded (its "Audit chain heads" table, written by <see cref="Closeout"/>);
    /// empty when it recorded none.
    /// </summary>
    public static IReadOnlyList<Store.Audit.ChainHead> CloseoutChainHeads(string body)
    {
        var heads = new List<Store.Audit.ChainHead>();
        var section = body.IndexOf(ChainHeadsHeading, StringComparison.Ordinal);
        if (section < 0) return heads;
        foreach (var line in body[section..].Split('\n').Skip(1))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) break;
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // "| chain | rows | head |" gives ["", chain, rows, head, ""]; the header and the rule do not parse as a count.
            if (cells.Length != 5 || !long.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rows)) continue;
            heads.Add(new Store.Audit.ChainHead(cells[1], rows, cells[3] == "(empty)" ? null : cells[3]));
        }
        return heads;
    }

    private const string ChainHeadsHeading = "## Audit chain heads";

    private static string Iso(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";
}
