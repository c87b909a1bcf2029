using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cutter.Analyzers.Tests.Support;

/// <summary>Compiles source in memory and returns what the Cutter analyzers (<see cref="CutterAnalyzers.All"/>) report, as the build would.</summary>
internal static class AnalyzerRunner
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, params AdditionalText[] additionalFiles)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path: "Corpus.cs");
        var compilation = CSharpCompilation.Create("Corpus", [tree], PlatformReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new AnalyzerOptions([.. additionalFiles]);
        var withAnalyzers = compilation.WithAnalyzers(CutterAnalyzers.All, options);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }
}
