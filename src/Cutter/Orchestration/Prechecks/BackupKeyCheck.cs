using System.Text.RegularExpressions;
using Cutter.Configuration;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// The backup encryption key named by <c>BACKUP_GPG_FPR</c> is in the keyring, so phase 5 can encrypt the backup.
/// The keyring lookup is the governance engine's (plugged in as <c>keyExists</c>); this check only reads the
/// fingerprint, validates its shape and asks.
/// </summary>
internal sealed partial class BackupKeyCheck(Func<string, CancellationToken, Task<bool>> keyExists) : IPrecheck
{
    public const string CheckName = "backup_key";

    public string Name => CheckName;

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var raw = context.ReadEnvironment(EnvironmentNames.BackupGpgFingerprint);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return PrecheckResult.Fail(Name, $"{EnvironmentNames.BackupGpgFingerprint} is not set");
        }
        // gpg prints fingerprints in groups of four; accept them pasted that way.
        var fingerprint = raw.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (!FingerprintShape().IsMatch(fingerprint))
        {
            return PrecheckResult.Fail(Name, $"{EnvironmentNames.BackupGpgFingerprint} '{raw}' is not an OpenPGP fingerprint (40 or 64 hex characters)");
        }
        return await keyExists(fingerprint, cancellationToken)
            ? PrecheckResult.Pass(Name, $"backup key {fingerprint} is in the keyring")
            : PrecheckResult.Fail(Name, $"backup key {fingerprint} ({EnvironmentNames.BackupGpgFingerprint}) is not in the keyring");
    }

    [GeneratedRegex("^(?:[0-9A-F]{40}|[0-9A-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintShape();
}
