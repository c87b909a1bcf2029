using Cutter.Domain;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The install is in place: every <c>orchestrator.required_paths</c> entry exists (file or folder), and the previous
/// release folder (<c>previous_release_dir</c>) still matches its manifest (<c>previous_release_manifest</c>, see
/// <see cref="ReleaseManifest"/>): no listed file missing or changed, no unlisted file added.
/// </summary>
internal sealed class InstallPathsCheck : IPrecheck
{
    public const string CheckName = "install_paths";

    /// <summary>How many differences the reason names before summarising; <see cref="PrecheckResult.Details"/> has them all.</summary>
    private const int ShownInReason = 5;

    public string Name => CheckName;

    public Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var problems = new List<string>();
        var details = new List<string>();

        var required = settings.RequiredPaths.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
        if (required.Length == 0)
        {
            problems.Add("orchestrator.required_paths is empty");
        }
        var missing = required.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"required path(s) missing: {string.Join(", ", missing)}");
            details.AddRange(missing.Select(p => $"missing required path {p}"));
        }

        var releaseSummary = CheckPreviousRelease(settings.PreviousReleaseDir, settings.PreviousReleaseManifest, problems, details);

        var result = problems.Count == 0
            ? PrecheckResult.Pass(Name, $"{required.Length} required path(s) present; {releaseSummary}")
            : PrecheckResult.Fail(Name, string.Join("; ", problems));
        return Task.FromResult(result with { Details = details });
    }

    private static string CheckPreviousRelease(string directory, string manifestFile, List<string> problems, List<string> details)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            problems.Add("orchestrator.previous_release_dir is not set");
            return "";
        }
        if (string.IsNullOrWhiteSpace(manifestFile))
        {
            problems.Add("orchestrator.previous_release_manifest is not set");
            return "";
        }
        if (!Directory.Exists(directory))
        {
            problems.Add($"previous release folder {directory} does not exist");
            return "";
        }

        IReadOnlyList<ReleaseDifference> differences;
        ReleaseManifest manifest;
        try
        {
            manifest = ReleaseManifest.Read(manifestFile);
            differences = manifest.Compare(directory, excludeFile: manifestFile);
        }
        catch (InvalidInputException ex)
        {
            problems.Add(ex.Message);
            return "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"previous release folder {directory} cannot be read: {ex.Message}");
            return "";
        }

        if (differences.Count == 0)
        {
            return $"previous release {directory} intact ({manifest.Entries.Count} files)";
        }
        var shown = string.Join(", ", differences.Take(ShownInReason));
        var more = differences.Count > ShownInReason ? $" and {differences.Count - ShownInReason} more" : "";
        problems.Add($"previous release {directory} differs from {manifestFile} in {differences.Count} file(s): {shown}{more}");
        details.AddRange(differences.Select(d => d.ToString()));
        return "";
    }
}
