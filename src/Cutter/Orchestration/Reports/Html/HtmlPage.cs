using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// The frame every page shares: one self-contained HTML file with its style inline, no script, and a
/// Content-Security-Policy that lets the browser load nothing from anywhere (an approver may open it offline).
/// </summary>
internal abstract class HtmlPage : ComponentBase
{
    /// <summary>Constant markup, never data: the style sheet of every page.</summary>
    private const string Style = """
        <style>
        :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d8dce4; --accent: #2756a8; --pass: #1f7a3a; --fail: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 24px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f7f9; }
        main { max-width: 1100px; margin: 0 auto; }
        header.page { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
        h1 { font-size: 1.5rem; margin: 0 0 4px; }
        h2 { font-size: 1.15rem; margin: 0 0 10px; color: var(--accent); }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 0 0 16px; }
        p.note { color: var(--muted); margin: 6px 0; }
        code, pre, dd, td { overflow-wrap: anywhere; word-break: break-word; }
        code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
        pre { white-space: pre-wrap; margin: 4px 0 0; padding: 6px 8px; background: #f3f4f7; border-radius: 4px; }
        pre.command { background: #1d2330; color: #f6f7f9; padding: 10px 12px; font-size: 14px; }
        dl.facts { display: grid; grid-template-columns: minmax(120px, 220px) minmax(0, 1fr); gap: 4px 14px; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
        th { color: var(--muted); font-weight: 600; }
        .pass { color: var(--pass); font-weight: 600; }
        .fail { color: var(--fail); font-weight: 600; }
        ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 18px; border-left: 1px dotted var(--line); }
        ul.tree { padding-left: 0; border-left: 0; }
        li.node { margin: 4px 0; }
        .unit-head { display: inline-flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
        .kind { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; background: #e6ecf7; color: var(--accent); border-radius: 3px; padding: 0 5px; }
        .address { color: var(--muted); }
        summary { cursor: pointer; }
        .timeline { display: grid; grid-template-columns: minmax(0, 220px) minmax(0, 1fr) 90px; gap: 4px 10px; align-items: center; }
        .track { background: #eef0f4; border-radius: 3px; height: 14px; }
        .bar { background: var(--accent); border-radius: 3px; height: 14px; min-width: 2px; }
        .bar.stopped, .bar.running { background: var(--fail); }
        .bar.skipped, .bar.pending { background: #b9bfcb; }
        .ms { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
        </style>
        """;

    protected abstract string Title { get; }

    protected abstract void BuildBody(RenderTreeBuilder builder);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>\n");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "en");
        builder.OpenElement(3, "head");
        builder.AddMarkupContent(4, "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        builder.Text("title", Title);
        builder.AddMarkupContent(5, Style);
        builder.CloseElement();
        builder.OpenElement(6, "body");
        builder.OpenElement(7, "main");
        BuildBody(builder);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
