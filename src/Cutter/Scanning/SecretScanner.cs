using Cutter.Analyzers.Detection;
using Cutter.Domain;

namespace Cutter.Scanning;

/// <summary>
/// Scans files for hard-coded secrets (CUT001) and runtime ids (CUT002) with the same detection code the
/// Cutter.Analyzers rules run at build time. Configuration and env files are scanned line by line (secrets only:
/// runtime ids belong in configuration); C# files are scanned literal by literal. Used by <c>cutter scan</c> and
/// by the precheck over the config and env files a run will use.
/// </summary>
public sealed class SecretScanner
{
    private static readonly string[] ScannedPatterns = ["*.cs", "appsettings*.json", "*.env"];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts"];

    /// <summary>Scans files and folders. A folder is searched recursively for C#, appsettings*.json and env files.</summary>
    /// <exception cref="InvalidInputException">A path does not exist.</exception>
    public IReadOnlyList<ScanFinding> Scan(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(FilesUnder(path));
            }
            else
            {
                throw new InvalidInputException(path, "no such file or directory to scan");
            }
        }
        return files.SelectMany(ScanFile).ToList();
    }

    /// <summary>
    /// The precheck's shape (<c>SecretScanCheck</c>'s <c>scan</c> delegate): paths in, one
    /// <c>file:line:col: CUT00N message</c> line per finding out.
    /// </summary>
    public static Task<IReadOnlyList<string>> ScanLinesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> lines = new SecretScanner().Scan(paths).Select(finding => finding.ToString()).ToList();
        return Task.FromResult(lines);
    }

    /// <summary>Scans one file: C# when it ends in .cs, configuration text otherwise.</summary>
    public IReadOnlyList<ScanFinding> ScanFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "no such file to scan");
        }
        return ScanText(path, File.ReadAllText(path));
    }

    /// <summary>Scans text as if it were the file at <paramref name="path"/> (the extension picks C# or configuration).</summary>
    public IReadOnlyList<ScanFinding> ScanText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        return path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? ScanCSharp(path, text) : ScanConfiguration(path, text);
    }

    private static List<ScanFinding> ScanConfiguration(string path, string text) =>
        ConfigurationTextScanner.Scan(text)
            .Select(found => new ScanFinding(path, found.Line, found.Column, found.Finding.RuleId, found.Finding.Message))
            .ToList();

    private static List<ScanFinding> ScanCSharp(string path, string source)
    {
        var findings = new List<ScanFinding>();
        var declaredParameters = new Lazy<IReadOnlyDictionary<string, string[]>>(() => CSharpLiteralContextReader.DeclaredParameters(source));
        foreach (var literal in CSharpLiteralLexer.Read(source))
        {
            if (literal.Value.Length < 4)
            {
                continue;
            }
            var context = CSharpLiteralContextReader.Read(source, literal.Offset);
            var finding = LiteralClassifier.Classify(literal.Value, context);
            if (finding is null && context.BindingName is null && context.Usage == LiteralUsage.Value
                && LiteralClassifier.CouldBindByName(literal.Value))
            {
                // Same order as the analyzer: a positional argument is bound to its parameter's name only when nothing else bound it.
                var parameterName = CSharpLiteralContextReader.ParameterNameOf(source, literal.Offset, declaredParameters.Value);
                if (parameterName is not null)
                {
                    finding = LiteralClassifier.Classify(literal.Value, new LiteralContext(parameterName, LiteralUsage.Value));
                }
            }
            if (finding != null)
            {
                findings.Add(new ScanFinding(path, literal.Line, literal.Column, finding.RuleId, finding.Message));
            }
        }
        return findings;
    }

    private static IEnumerable<string> FilesUnder(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var pattern in ScannedPatterns)
        {
            foreach (var file in Directory.EnumerateFiles(folder, pattern, options).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
        foreach (var child in Directory.EnumerateDirectories(folder, "*", options).Order(StringComparer.Ordinal))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(child), StringComparer.Ordinal))
            {
                foreach (var file in FilesUnder(child))
                {
                    yield return file;
                }
            }
        }
    }
}
