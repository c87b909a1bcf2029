namespace Cutter.Analyzers.Tests.Docs;

/// <summary>Every rule the analyzer reports has a doc page, and the page names its id and severity.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in CutterAnalyzers.All.SelectMany(a => a.SupportedDiagnostics))
        {
            data.Add(descriptor.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRule_HasADocPageNamingIt(string id)
    {
        var page = Path.Combine(Support.RepositoryRoot.Path, "docs", "analyzers", id + ".md");
        Assert.True(File.Exists(page), $"rule {id} has no doc page at {page}");
        var text = File.ReadAllText(page);
        Assert.StartsWith("# " + id + ":", text, StringComparison.Ordinal);
        Assert.Contains("## Fires", text, StringComparison.Ordinal);
        Assert.Contains("## Does not fire", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRule_HelpLinkPointsAtItsDocPage()
    {
        foreach (var descriptor in CutterAnalyzers.All.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Equal($"docs/analyzers/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        }
    }

    [Fact]
    public void TheRegistry_HoldsExactlyTheReportedIds()
    {
        var registered = typeof(RuleIdentifiers).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order().ToArray();
        var reported = CutterAnalyzers.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Order().ToArray();
        Assert.Equal(["CUT001", "CUT002", "CUT003"], registered);
        Assert.Equal(registered, reported);
    }
}
