using System.Text.RegularExpressions;
using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Governance.Backup;

/// <summary>
/// Where and how phase 5 backs up: the gpg recipient fingerprint (<c>BACKUP_GPG_FPR</c>), the backup folder,
/// and optionally a GNUPGHOME and the folder holding pg_dump/pg_restore. All from configuration or the environment.
/// </summary>
internal sealed partial record BackupOptions
{
    private BackupOptions(string gpgFingerprint, string backupDirectory, string? gpgHome, string? pgBinDir)
    {
        GpgFingerprint = gpgFingerprint;
        BackupDirectory = backupDirectory;
        GpgHome = gpgHome;
        PgBinDir = pgBinDir;
    }

    /// <summary>The recipient key's full fingerprint, upper-case hex without spaces (40 for v4 keys, 64 for v5).</summary>
    public string GpgFingerprint { get; }
    public string BackupDirectory { get; }
    public string? GpgHome { get; }
    public string? PgBinDir { get; }

    public static BackupOptions Create(string? gpgFingerprint, string? backupDirectory, string? gpgHome = null, string? pgBinDir = null)
    {
        var fingerprint = (gpgFingerprint ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (!FingerprintPattern().IsMatch(fingerprint))
        {
            throw new InvalidInputException(EnvironmentNames.BackupGpgFingerprint,
                string.IsNullOrWhiteSpace(gpgFingerprint) ? "is not set" : "is not a full key fingerprint (40 or 64 hex characters; short key ids are refused)");
        }
        if (string.IsNullOrWhiteSpace(backupDirectory)) throw new InvalidInputException("orchestrator.backup_dir", "is not set");
        return new BackupOptions(fingerprint, backupDirectory, NullIfBlank(gpgHome), NullIfBlank(pgBinDir));
    }

    /// <summary>From the orchestrator settings and the environment (<c>BACKUP_GPG_FPR</c>).</summary>
    public static BackupOptions From(OrchestratorSettings settings, Func<string, string?> readEnvironment) =>
        Create(readEnvironment(EnvironmentNames.BackupGpgFingerprint), settings.BackupDir, settings.GpgHome, settings.PgBinDir);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("^([0-9A-F]{40}|[0-9A-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintPattern();
}
