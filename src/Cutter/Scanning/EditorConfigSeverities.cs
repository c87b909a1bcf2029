using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Cutter.Scanning;

/// <summary>
/// <c>dotnet_diagnostic.CUT00N.severity</c> from the .editorconfig files above each scanned file, found and merged
/// the way the compiler does (nearest wins, search stops at <c>root = true</c>), handed to the compilation so the
/// analyzer driver filters and re-grades diagnostics exactly as in the build.
/// </summary>
internal sealed class EditorConfigSeverities : SyntaxTreeOptionsProvider
{
    private readonly AnalyzerConfigSet _set;
    private readonly ConcurrentDictionary<string, AnalyzerConfigOptionsResult> _byPath = new(StringComparer.Ordinal);

    private EditorConfigSeverities(AnalyzerConfigSet set) => _set = set;

    /// <summary>Reads every .editorconfig that applies to one of <paramref name="files"/>.</summary>
    public static EditorConfigSeverities For(IEnumerable<string> files)
    {
        var configPaths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal))
        {
            for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
            {
                var candidate = Path.Combine(current, ".editorconfig");
                if (!File.Exists(candidate))
                {
                    continue;
                }
                configPaths.Add(candidate);
                if (IsRoot(candidate))
                {
                    break;
                }
            }
        }
        var configs = configPaths.Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p)).ToList();
        return new EditorConfigSeverities(AnalyzerConfigSet.Create(configs));
    }

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        OptionsFor(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        _set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);

    private AnalyzerConfigOptionsResult OptionsFor(string path) =>
        _byPath.GetOrAdd(Path.GetFullPath(path), full => _set.GetOptionsForSourcePath(full));

    private static bool IsRoot(string editorConfig) =>
        File.ReadLines(editorConfig).TakeWhile(line => !line.TrimStart().StartsWith('['))
            .Any(line => line.Replace(" ", "", StringComparison.Ordinal).Equals("root=true", StringComparison.OrdinalIgnoreCase));
}
