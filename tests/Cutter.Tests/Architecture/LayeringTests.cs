using Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Cutter.Tests.Architecture;

/// <summary>
/// The product library's layers (docs/architecture.md): every dependency between top-level namespaces points down
/// this table. A new arrow that is not listed fails here, naming the file and line that makes it.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Lazy<CSharpCompilation> Library = new(() => NamespaceGraph.CompileLibrary());
    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), string>> LibraryEdges = new(() => NamespaceGraph.Edges(Library.Value));

    [Fact]
    public void LibrarySourceCompilesForTheGraph()
    {
        // CS8795: [GeneratedRegex] partial methods, whose other half the regex source generator writes at build time.
        var errors = Library.Value.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795")
            .Take(5).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void EveryNamespaceDependencyPointsDown()
    {
        var upward = Violations(LibraryEdges.Value);
        Assert.True(upward.Count == 0, "dependencies not allowed by docs/architecture.md:" + Environment.NewLine + string.Join(Environment.NewLine, upward));
    }

    [Fact]
    public void APlantedUpwardReferenceFails()
    {
        const string planted = """
            namespace Cutter.Domain;
            internal static class PlantedUpwardReference
            {
                public static string Name => typeof(Cutter.Orchestration.OrchestratorRunner).Name;
            }
            """;
        // Only the planted file is walked: the rest is the library as it is, which the test above covers.
        var upward = Violations(NamespaceGraph.Edges(Library.Value.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(planted, new CSharpParseOptions(LanguageVersion.Preview), "planted-0.cs")),
            tree => tree.FilePath == "planted-0.cs"));
        var violation = Assert.Single(upward, v => v.StartsWith("Domain -> Orchestration", StringComparison.Ordinal));
        Assert.Contains("planted-0.cs:4", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGraphHasNoCycle()
    {
        var edges = LibraryEdges.Value.Keys.ToList();
        var cycle = Layers.FindCycle(edges);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    private static List<string> Violations(IReadOnlyDictionary<(string From, string To), string> edges) =>
        edges.Where(e => !Layers.Allows(e.Key.From, e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} at {e.Value}")
            .ToList();
}
