using Microsoft.AspNetCore.Components.Rendering;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>
/// Element helpers over <see cref="RenderTreeBuilder"/>. Text and attribute values go in through
/// <c>AddContent</c>/<c>AddAttribute</c>, so the renderer escapes them; nothing here builds markup from strings.
/// The pages are rendered once and never diffed, so the sequence numbers only need to be stable per call site.
/// </summary>
internal static class Markup
{
    public static void Open(this RenderTreeBuilder builder, string tag, string? cssClass = null, string? id = null)
    {
        builder.OpenElement(0, tag);
        if (id is not null) builder.AddAttribute(1, "id", id);
        if (cssClass is not null) builder.AddAttribute(2, "class", cssClass);
    }

    public static void Text(this RenderTreeBuilder builder, string tag, string? text, string? cssClass = null, string? id = null)
    {
        builder.Open(tag, cssClass, id);
        builder.AddContent(3, text);
        builder.CloseElement();
    }

    /// <summary>A section with an id (the browser check and the tests look sections up by it) and a heading.</summary>
    public static void Section(this RenderTreeBuilder builder, string id, string heading, Action<RenderTreeBuilder> body)
    {
        builder.Open("section", id: id);
        builder.Text("h2", heading);
        body(builder);
        builder.CloseElement();
    }

    /// <summary>A two-column fact list: each pair is a label and its value (values in monospace, wrapping anywhere).</summary>
    public static void Facts(this RenderTreeBuilder builder, IEnumerable<(string Label, string? Value)> facts)
    {
        builder.Open("dl", "facts");
        foreach (var (label, value) in facts)
        {
            builder.Text("dt", label);
            builder.Text("dd", string.IsNullOrEmpty(value) ? "-" : value);
        }
        builder.CloseElement();
    }

    public static void Table(this RenderTreeBuilder builder, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string? id = null)
    {
        builder.Open("table", id: id);
        builder.Open("thead");
        builder.Open("tr");
        foreach (var header in headers) builder.Text("th", header);
        builder.CloseElement();
        builder.CloseElement();
        builder.Open("tbody");
        foreach (var row in rows)
        {
            builder.Open("tr");
            foreach (var cell in row) builder.Text("td", string.IsNullOrEmpty(cell) ? "-" : cell);
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
    }
}
