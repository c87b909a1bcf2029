using Cutter.Domain;
using Cutter.Infrastructure;

namespace Cutter.Rehearsal;

/// <summary>An unencrypted Ed25519 key made with the real ssh-keygen, and its allowed_signers line (rehearsals and tests only).</summary>
internal sealed record ThrowawaySshKey(string PrivateKeyPath, string Principal, string PublicKeyLine)
{
    public static async Task<ThrowawaySshKey> CreateAsync(string folder, string principal, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, principal.Replace('@', '_') + "_ed25519");
        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", path], cancellationToken: cancellationToken);
        if (!result.Succeeded) throw new CutterException($"ssh-keygen could not make a key: {result.ErrorSummary}");
        var publicKey = (await File.ReadAllTextAsync(path + ".pub", cancellationToken)).Trim();
        var parts = publicKey.Split(' ');
        return new ThrowawaySshKey(path, principal, $"{parts[0]} {parts[1]}");
    }

    /// <summary>The allowed_signers line: principal, the namespaces it may sign, and the key.</summary>
    public string AllowedSignersLine(params string[] namespaces) =>
        $"{Principal} namespaces=\"{string.Join(',', namespaces)}\" {PublicKeyLine}";
}
