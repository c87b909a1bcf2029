using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Xunit;

namespace Cutter.Tests.Orchestration.Html;

/// <summary>Parses a rendered page with AngleSharp and checks what every page must hold.</summary>
internal static partial class HtmlPageAssert
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Every reference that would make a browser reach the network: http(s) or protocol-relative URLs in attributes or CSS.</summary>
    public static IReadOnlyList<string> ExternalReferences(IDocument document)
    {
        var found = new List<string>();
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name is "src" or "href" or "srcset" or "action" or "poster" or "data" or "formaction" && Remote().IsMatch(attribute.Value.Trim()))
                {
                    found.Add($"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
                }
            }
        }
        foreach (var style in document.QuerySelectorAll("style").Select(s => s.TextContent).Concat(document.All.Select(e => e.GetAttribute("style") ?? "")))
        {
            found.AddRange(CssRemote().Matches(style).Select(m => m.Value));
        }
        return found;
    }

    public static void SectionsPresent(IDocument document, params string[] ids)
    {
        foreach (var id in ids)
        {
            var section = document.GetElementById(id);
            Assert.True(section is not null, $"no element with id '{id}'");
            Assert.Equal("section", section!.LocalName);
            Assert.NotNull(section.QuerySelector("h2"));
        }
    }

    public static void SelfContained(IDocument document)
    {
        Assert.Empty(ExternalReferences(document));
        Assert.Empty(document.QuerySelectorAll("script, link, iframe, img, object, embed"));
    }

    [GeneratedRegex("^(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex Remote();

    [GeneratedRegex(@"(url\(\s*['""]?(https?:)?//[^)]*\)|@import)", RegexOptions.IgnoreCase)]
    private static partial Regex CssRemote();
}
