namespace Cutter.Governance.Backup;

/// <summary>
/// The precheck "the backup encryption key is in the keyring": asks gpg for the recipient's public key by full
/// fingerprint and refuses one that is absent, expired, revoked or cannot encrypt, saying which.
/// </summary>
internal static class GpgKeyring
{
    /// <summary>Throws <see cref="BackupException"/> naming the fingerprint and what is wrong; returns the key's user id when fine.</summary>
    public static async Task<string> RequireEncryptionKeyAsync(string fingerprint, string? gpgHome, CancellationToken ct = default)
    {
        var gpg = new GpgTool(gpgHome);
        var where = gpgHome is null ? "the default keyring" : $"the keyring in {gpgHome}";
        var result = await gpg.RunAsync(["--list-keys", "--with-colons", fingerprint], ct);
        if (!result.Succeeded)
        {
            throw new BackupException("key check", $"backup key {fingerprint} is not in {where} (gpg: {result.ErrorSummary}); import it or fix BACKUP_GPG_FPR");
        }

        // --with-colons: "pub:<validity>:...:<capabilities (field 12)>:", then "fpr:::::::::<fingerprint>:", then "uid:...:<user id (field 10)>:".
        var lines = result.StandardOutput.Split('\n').Select(l => l.Split(':')).ToArray();
        var pub = lines.FirstOrDefault(f => f[0] == "pub");
        var matched = lines.Any(f => f[0] == "fpr" && f.Length > 9 && string.Equals(f[9], fingerprint, StringComparison.OrdinalIgnoreCase));
        if (pub is null || !matched)
        {
            throw new BackupException("key check", $"backup key {fingerprint} is not in {where}; import it or fix BACKUP_GPG_FPR");
        }
        switch (pub[1])
        {
            case "e": throw new BackupException("key check", $"backup key {fingerprint} has expired");
            case "r": throw new BackupException("key check", $"backup key {fingerprint} is revoked");
            case "d" or "i" or "n": throw new BackupException("key check", $"backup key {fingerprint} is disabled or invalid (validity '{pub[1]}')");
        }
        if (pub.Length <= 11 || !pub[11].Contains('E', StringComparison.Ordinal))
        {
            throw new BackupException("key check", $"backup key {fingerprint} has no usable encryption subkey");
        }
        return lines.FirstOrDefault(f => f[0] == "uid" && f.Length > 9)?[9] ?? "";
    }
}
