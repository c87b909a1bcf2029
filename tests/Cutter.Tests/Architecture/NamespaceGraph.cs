using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Cutter.Tests.Architecture;

/// <summary>
/// Which top-level namespaces of the product library use which, read from the source with Roslyn's semantic model
/// (every name that binds to a type or member declared in the library counts, in signatures and in bodies alike).
/// A top-level namespace is the segment after <c>Cutter.</c>: <c>Cutter.Store.Writes</c> belongs to <c>Store</c>.
/// </summary>
internal static class NamespaceGraph
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The parsed sources of <c>src/Cutter</c>, compiled against the library's own references.</summary>
    public static CSharpCompilation CompileLibrary()
    {
        var folder = Path.Combine(RepositoryRoot, "src", "Cutter");
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "implicit-usings.cs"));
        // The library's own dependencies sit beside the tests (the analyzer assembly among them: `cutter scan` runs
        // its rules); the platform's come from the running runtime.
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Cutter", StringComparison.Ordinal) || Path.GetFileName(path) == "Cutter.Analyzers.dll");
        var references = platform.Concat(beside)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create("CutterLayering", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    /// <summary>Edges <c>from -> to</c> between top-level namespaces, each with one source location that shows it.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Edges(CSharpCompilation compilation, Func<SyntaxTree, bool>? only = null)
    {
        var edges = new SortedDictionary<(string, string), string>();
        foreach (var tree in compilation.SyntaxTrees.Where(only ?? (_ => true)))
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            foreach (var declaration in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not { } declared || TopLevel(declared.ContainingNamespace) is not { } from) continue;
                foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    var symbol = model.GetSymbolInfo(name).Symbol;
                    var target = symbol switch
                    {
                        INamedTypeSymbol type => type.OriginalDefinition,
                        IMethodSymbol { MethodKind: MethodKind.ReducedExtension } reduced => reduced.ReducedFrom?.ContainingType,
                        ISymbol member and not INamespaceSymbol => member.ContainingType?.OriginalDefinition,
                        _ => null,
                    };
                    if (target is null || !SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, compilation.Assembly)) continue;
                    if (TopLevel(target.ContainingNamespace) is not { } to || to == from) continue;
                    var line = name.GetLocation().GetLineSpan();
                    edges.TryAdd((from, to), $"{Path.GetFileName(line.Path)}:{line.StartLinePosition.Line + 1} ({name})");
                }
            }
        }
        return edges;
    }

    private static string? TopLevel(INamespaceSymbol? ns)
    {
        var full = ns?.ToDisplayString() ?? "";
        if (!full.StartsWith("Cutter.", StringComparison.Ordinal)) return full == "Cutter" ? "Cutter" : null;
        var rest = full["Cutter.".Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cutter.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Cutter.sln above {AppContext.BaseDirectory}");
    }

    // The SDK's implicit usings for a console/library project (ImplicitUsings=enable in Directory.Build.props).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
