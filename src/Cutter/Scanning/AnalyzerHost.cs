using System.Collections.Immutable;
using Cutter.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Cutter.Scanning;

/// <summary>
/// Runs the Cutter analyzers over files without a build: the C# files are parsed into one compilation (so calls
/// between them bind) and the configuration files are its AdditionalFiles. Roslyn's analyzer driver applies
/// <c>#pragma warning disable</c>, <c>[SuppressMessage]</c> and .editorconfig severities, as it does in the build.
/// </summary>
internal static class AnalyzerHost
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static async Task<List<ScanFinding>> RunAsync(
        IReadOnlyList<(string Path, string Text)> csharp,
        IReadOnlyList<(string Path, string Text)> configuration,
        SyntaxTreeOptionsProvider severities,
        CancellationToken cancellationToken)
    {
        var trees = csharp.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), ParseOptions, f.Path, cancellationToken)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable)
            .WithSyntaxTreeOptionsProvider(severities);
        var compilation = CSharpCompilation.Create("CutterScan", trees, ScanReferences.Platform, options);
        var additional = configuration.Select(f => (AdditionalText)new ScannedText(f.Path, f.Text)).ToImmutableArray();
        var analyzers = compilation.WithAnalyzers(CutterAnalyzers.All, new AnalyzerOptions(additional));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden).Select(ToFinding)
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    private static ScanFinding ToFinding(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var severity = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => ScanSeverity.Error,
            DiagnosticSeverity.Warning => ScanSeverity.Warning,
            _ => ScanSeverity.Note,
        };
        return new ScanFinding(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Id,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), severity);
    }
}
