using System.Globalization;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Scans the config and env files the run will use (<c>orchestrator.scan_paths</c>) for hard-coded secrets and runtime
/// ids. The scanner is the analyzer package's (plugged in as <c>scan</c>: paths in, one line per finding out); this
/// check makes sure there is something to scan, that every path exists, and turns findings into a failure.
/// </summary>
internal sealed class SecretScanCheck(Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<string>>> scan) : IPrecheck
{
    public const string CheckName = "secret_scan";

    /// <summary>How many findings the reason names; <see cref="PrecheckResult.Details"/> has them all.</summary>
    private const int ShownInReason = 5;

    public string Name => CheckName;

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var paths = context.Settings.ScanPaths.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        if (paths.Length == 0)
        {
            return PrecheckResult.Fail(Name, "orchestrator.scan_paths is empty");
        }
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            return PrecheckResult.Fail(Name, $"scan path(s) missing: {string.Join(", ", missing)}");
        }

        var findings = await scan(paths, cancellationToken);
        if (findings.Count == 0)
        {
            return PrecheckResult.Pass(Name, string.Create(CultureInfo.InvariantCulture, $"no findings in {paths.Length} scanned path(s)"));
        }
        var shown = string.Join("; ", findings.Take(ShownInReason));
        var more = findings.Count > ShownInReason ? string.Create(CultureInfo.InvariantCulture, $" and {findings.Count - ShownInReason} more") : "";
        return PrecheckResult.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"{findings.Count} finding(s): {shown}{more}")) with { Details = findings };
    }
}
