using System.Globalization;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// <c>review-sg1.html</c>: what an approver reads before signing SG_1. Sections (by id): <c>document</c>,
/// <c>payload</c>, <c>counts</c>, <c>will-write</c>, <c>units</c>, <c>approve</c>.
/// </summary>
internal sealed class ReviewPage : HtmlPage
{
    [Parameter, EditorRequired] public ReviewPageModel Model { get; set; } = null!;

    protected override string Title => $"SG_1 review: {Model.Plan.DocumentCode} ({Model.Plan.KbId}), run {Model.State.RunId}";

    protected override void BuildBody(RenderTreeBuilder builder)
    {
        var state = Model.State;
        var plan = Model.Plan;
        builder.Open("header", "page");
        builder.Text("h1", $"SG_1 review: {plan.DocumentCode} {plan.Title}");
        builder.Text("p", $"Run {state.RunId} waits for {ApprovalGate.Sg1CutAuthz.WireName()} (request {Model.RequestKbId}).", "note");
        builder.CloseElement();

        builder.Section("document", "Document", b => b.Facts(
        [
            ("KB document", plan.KbId.Value),
            ("code", plan.DocumentCode.Value),
            ("title", plan.Title),
            ("source sha256", plan.SourceSha.Value),
            ("run", state.RunId),
            ("mode", WireNames<RunMode>.Of(state.Mode)),
            ("actor", state.Actor),
        ]));
        builder.Section("payload", "Payload", b =>
        {
            b.Facts([("payload sha", state.PayloadSha ?? plan.PayloadSha.ToString()), ("candidate units", Count(plan.CandidateCount))]);
            b.Text("p", "The SG_1 approval binds this payload sha: the signature is over it, and the run refuses to write any other payload.", "note");
        });
        builder.Section("counts", "Units per kind", b => b.Table(["kind", "units"],
            plan.CountsByKind().Where(k => k.Value > 0).Select(k => (IReadOnlyList<string?>)[k.Key, Count(k.Value)]), id: "kind-counts"));
        builder.Section("will-write", "What the run will write", b =>
        {
            b.Text("p", RunDocuments.Sg1WhatWillBeWritten(state));
            b.Table(["on approval", "rows"],
            [
                ["information units (draft)", Count(plan.CandidateCount)],
                ["unit versions", Count(plan.CandidateCount)],
                ["encrypted backup before the first write", "1 file"],
                ["execution flag", "on for this run only, under the execution ruling"],
            ]);
        });
        builder.Section("units", "Unit tree", BuildUnits);
        builder.Section("approve", "Approve", BuildApprove);
    }

    private void BuildUnits(RenderTreeBuilder builder)
    {
        var units = Model.Plan.Units;
        var shown = units.Take(Model.UnitCap).ToList();
        builder.Text("p", shown.Count == units.Count
            ? $"All {Count(units.Count)} units, in document order."
            : $"The first {Count(shown.Count)} of {Count(units.Count)} units, in document order; the page stops there to stay small. "
              + "The payload sha covers every unit, and `cutter plan` lists them all.", "note", "units-note");
        var shownAddresses = shown.Select(u => u.Address).ToHashSet(StringComparer.Ordinal);
        var children = shown.Where(u => u.ParentAddress is not null && shownAddresses.Contains(u.ParentAddress))
            .ToLookup(u => u.ParentAddress!, StringComparer.Ordinal);
        var roots = shown.Where(u => u.ParentAddress is null || !shownAddresses.Contains(u.ParentAddress));
        builder.OpenElement(0, "ul");
        builder.AddAttribute(1, "class", "tree");
        builder.AddAttribute(2, "data-unit-count", units.Count.ToString(CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "data-units-shown", shown.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var root in roots) BuildNode(builder, root, children);
        builder.CloseElement();
    }

    private void BuildNode(RenderTreeBuilder builder, CandidateUnit unit, ILookup<string, CandidateUnit> children)
    {
        builder.Open("li", "node");
        var kids = children[unit.Address].ToList();
        if (kids.Count > 0)
        {
            builder.OpenElement(0, "details");
            builder.AddAttribute(1, "open", true);
            builder.Open("summary");
            BuildUnitHead(builder, unit);
            builder.CloseElement();
            BuildUnitText(builder, unit);
            builder.Open("ul");
            foreach (var kid in kids) BuildNode(builder, kid, children);
            builder.CloseElement();
            builder.CloseElement();
        }
        else
        {
            BuildUnitHead(builder, unit);
            BuildUnitText(builder, unit);
        }
        builder.CloseElement();
    }

    private static void BuildUnitHead(RenderTreeBuilder builder, CandidateUnit unit)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "unit-head unit");
        builder.AddAttribute(2, "data-address", unit.Address);
        builder.Text("span", unit.Kind, "kind");
        builder.Text("code", unit.Address, "address");
        builder.Text("span", unit.Heading, "heading");
        builder.CloseElement();
    }

    private void BuildUnitText(RenderTreeBuilder builder, CandidateUnit unit)
    {
        if (unit.Content.Length == 0 || unit.Content == unit.Heading) return;
        var text = unit.Content.Length <= Model.ContentCapChars
            ? unit.Content
            : unit.Content[..Model.ContentCapChars] + $"\n[... {Count(unit.Content.Length - Model.ContentCapChars)} more characters; sha256 {unit.ContentSha256} covers all of them]";
        if (unit.Content.Length <= Model.FoldAboveChars)
        {
            builder.Text("pre", text, "content");
            return;
        }
        builder.Open("details", "long");
        builder.Text("summary", $"{Count(unit.Content.Length)} characters of text");
        builder.Text("pre", text, "content");
        builder.CloseElement();
    }

    private void BuildApprove(RenderTreeBuilder builder)
    {
        builder.Text("p", "Read the units above, then sign the SG_1 request with your own SSH key:");
        builder.Text("pre", ReviewPageModel.ApproveCommand(Model.RequestKbId), "command", "approve-command");
        if (Model.RulingRequestKbId is { } ruling)
        {
            builder.Text("p", "The execution ruling that lets this run turn the execution flag on is a second request:");
            builder.Text("pre", ReviewPageModel.ApproveCommand(ruling), "command", "ruling-command");
        }
        builder.Text("p", "Then the operator resumes the run with the approval doc ids `cutter approve` printed:");
        builder.Text("pre", ReviewPageModel.ResumeCommand(Model.State.RunId, Model.RulingRequestKbId is not null), "command", "resume-command");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
