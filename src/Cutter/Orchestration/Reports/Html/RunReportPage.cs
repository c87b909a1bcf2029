using System.Globalization;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// <c>run-report.html</c>: what a run did. Sections (by id): <c>summary</c>, <c>timeline</c> (phase durations as a
/// CSS bar chart), <c>gates</c>, <c>backup</c>, <c>verification</c>, <c>audit-heads</c>.
/// </summary>
internal sealed class RunReportPage : HtmlPage
{
    [Parameter, EditorRequired] public RunReportModel Model { get; set; } = null!;

    protected override string Title => $"Run report: {Model.State.Document.Code ?? Model.State.Document.KbId}, run {Model.State.RunId}";

    protected override void BuildBody(RenderTreeBuilder builder)
    {
        var state = Model.State;
        builder.Open("header", "page");
        builder.Text("h1", $"Run report: {state.Document.Code} {state.Document.Title}");
        builder.Text("p", $"Run {state.RunId}, {WireNames<RunMode>.Of(state.Mode)}, status {state.Status.WireName()}.", "note");
        builder.CloseElement();
        builder.Section("summary", "Run", b => b.Facts(
        [
            ("document", state.Document.KbId),
            ("code", state.Document.Code),
            ("status", state.Status.WireName()),
            ("final state", state.FinalState?.WireName()),
            ("payload sha", state.PayloadSha),
            ("candidate units", state.CandidateCount?.ToString(CultureInfo.InvariantCulture)),
            ("actor", state.Actor),
            ("created", Iso(state.CreatedUtc)),
            ("updated", Iso(state.UpdatedUtc)),
            ("closeout", state.CloseoutKbId),
            ("closeout summary sha", state.CloseoutSummarySha),
            ("stop", state.Stop is { } stop ? $"{stop.Code} at phase {stop.Phase}: {stop.Detail}" : null),
        ]));
        builder.Section("timeline", "Phase timeline", BuildTimeline);
        builder.Section("gates", "Gates", b => b.Table(["gate", "request", "approval", "signer", "signed (UTC)", "consumed (UTC)"],
            state.Gates.Values.OrderBy(g => g.Gate.WireName(), StringComparer.Ordinal).Select(g => (IReadOnlyList<string?>)
                [g.Gate.WireName(), g.RequestKbId, g.ApprovalKbId, g.Signer, Iso(g.SignedUtc), Iso(g.ConsumedUtc)])
            .Concat(state.Ruling is { } ruling ? [["execution ruling", state.RulingRequestKbId, ruling.KbId, ruling.Signer, null, $"expires {Iso(ruling.ExpiresUtc)}"]] : []),
            id: "gates-table"));
        builder.Section("backup", "Backup and restore proof", BuildBackup);
        builder.Section("verification", "Verification", BuildVerification);
        builder.Section("audit-heads", "Audit chain heads", b =>
        {
            if (Model.AuditHeads.Count == 0)
            {
                b.Text("p", "No audit chain heads were recorded for this run yet.", "note");
                return;
            }
            b.Table(["chain", "rows", "head"], Model.AuditHeads.Select(h => (IReadOnlyList<string?>)
                [h.Chain, h.Rows.ToString(CultureInfo.InvariantCulture), h.Head ?? "(empty)"]), id: "audit-table");
            b.Text("p", "Check them against the store with `cutter audit verify`.", "note");
        });
    }

    private void BuildTimeline(RenderTreeBuilder builder)
    {
        var phases = Model.State.Phases;
        var longest = Math.Max(1, phases.Max(p => p.DurationMs ?? 0));
        builder.Open("div", "timeline", "timeline-chart");
        foreach (var phase in phases)
        {
            var result = WireNames<PhaseResult>.Of(phase.Result);
            builder.Text("span", $"{phase.Number}. {phase.Name}", "phase-name");
            builder.Open("div", "track");
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", $"bar {result}");
            var percent = 100.0 * (phase.DurationMs ?? 0) / longest;
            builder.AddAttribute(2, "style", string.Create(CultureInfo.InvariantCulture, $"width: {percent:0.#}%"));
            builder.AddAttribute(3, "title", $"{result}, {phase.RowsWritten} rows");
            builder.CloseElement();
            builder.CloseElement();
            builder.Text("span", phase.DurationMs is { } ms ? $"{ms:N0} ms" : "-", "ms");
        }
        builder.CloseElement();
        builder.Table(["phase", "result", "started (UTC)", "ms", "rows", "report"], phases.Select(p => (IReadOnlyList<string?>)
            [$"{p.Number} {p.Name}", WireNames<PhaseResult>.Of(p.Result), Iso(p.StartedUtc), p.DurationMs?.ToString("N0", CultureInfo.InvariantCulture),
             p.RowsWritten.ToString(CultureInfo.InvariantCulture), p.ReportKbId]), id: "phase-table");
    }

    private void BuildBackup(RenderTreeBuilder builder)
    {
        if (Model.State.Backup is not { } backup)
        {
            builder.Text("p", "This run took no backup (it did not reach phase 5).", "note");
            return;
        }
        builder.Facts(
        [
            ("file", backup.File),
            ("sha256", backup.Sha256),
            ("bytes", backup.Bytes.ToString("N0", CultureInfo.InvariantCulture)),
            ("encrypted to", backup.RecipientFingerprint),
            ("restore proven", backup.RestoreProven ? "yes" : "NO"),
            ("restore proof", backup.RestoreProofDetail),
        ]);
    }

    private void BuildVerification(RenderTreeBuilder builder)
    {
        if (Model.Verification is not { } verification)
        {
            builder.Text("p", $"Not verified yet: `cutter verify --run-id {Model.State.RunId}` runs the post-run checks and rewrites this page with them.", "note");
            return;
        }
        var passed = verification.Checks.Count(c => c.Passed);
        builder.Text("p", $"{passed} of {verification.Checks.Count} checks passed at {Iso(verification.FinishedUtc)}: {(verification.Passed ? "PASSED" : "FAILED")}",
            verification.Passed ? "pass" : "fail", "verdict");
        builder.Open("table", id: "checks-table");
        builder.Open("thead");
        builder.Open("tr");
        foreach (var header in new[] { "check", "verdict", "expected", "actual" }) builder.Text("th", header);
        builder.CloseElement();
        builder.CloseElement();
        builder.Open("tbody");
        foreach (var check in verification.Checks)
        {
            builder.Open("tr");
            builder.Text("td", check.Name);
            builder.Text("td", check.Passed ? "pass" : "FAIL", check.Passed ? "pass" : "fail");
            builder.Text("td", check.Expected);
            builder.Text("td", check.Actual);
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
    }

    private static string? Iso(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
