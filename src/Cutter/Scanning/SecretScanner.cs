namespace Cutter.Scanning;

/// <summary>
/// <c>cutter scan</c>: runs the Cutter analyzers (CUT001 secrets, CUT002 runtime ids, CUT003 unjustified
/// suppressions) over C# and configuration files without a build, through the same Roslyn analyzer the build runs,
/// so both report the same findings. Also the precheck over the config and env files a run will use.
/// </summary>
public sealed class SecretScanner
{
    /// <summary>Scans files and folders (folders recursively: C#, *.json, *.yaml, *.yml, *.env, *.config, *.xml, *.ini).</summary>
    /// <exception cref="Cutter.Domain.InvalidInputException">A path does not exist.</exception>
    public async Task<ScanResult> ScanAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var walker = new ScanFileWalker();
        foreach (var path in paths)
        {
            walker.AddRoot(path);
        }
        var errors = walker.Errors.ToList();
        var csharp = new List<(string Path, string Text)>();
        var configuration = new List<(string Path, string Text)>();
        foreach (var file in walker.Files)
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                errors.Add(new ScanError(file.Path, "cannot read file: " + e.Message));
                continue;
            }
            (file.IsCSharp ? csharp : configuration).Add((file.Path, text));
        }
        var severities = EditorConfigSeverities.For(csharp.Select(f => f.Path));
        var findings = await AnalyzerHost.RunAsync(csharp, configuration, severities, cancellationToken).ConfigureAwait(false);
        return new ScanResult(findings, csharp.Count + configuration.Count, walker.Skipped, errors);
    }

    /// <summary>
    /// The precheck's shape (<c>SecretScanCheck</c>'s <c>scan</c> delegate): paths in, one
    /// <c>file:line:col: CUT00N message</c> line per finding or unreadable path out.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ScanLinesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var result = await new SecretScanner().ScanAsync(paths, cancellationToken).ConfigureAwait(false);
        return [.. result.Errors.Select(e => "error: " + e), .. result.Findings.Select(f => f.ToString())];
    }

    /// <summary>Scans in-memory text as if it were the file at <paramref name="path"/> (the name picks C# or configuration); no .editorconfig applies.</summary>
    public async Task<IReadOnlyList<ScanFinding>> ScanTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var isCSharp = ScanFileWalker.Classify(path)?.IsCSharp ?? false;
        IReadOnlyList<(string, string)> file = [(path, text)];
        return await AnalyzerHost.RunAsync(isCSharp ? file : [], isCSharp ? [] : file, EditorConfigSeverities.For([]), cancellationToken)
            .ConfigureAwait(false);
    }
}
