using Cutter.Infrastructure;

namespace Cutter.Tests.Orchestration.Prechecks;

/// <summary>A throwaway GnuPG home with one real key, and a real keyring lookup (gpg --list-keys) for it.</summary>
internal sealed class GpgTestKeyring : IAsyncDisposable
{
    private readonly TempDirectory _home = new();

    private GpgTestKeyring()
    {
    }

    public string Fingerprint { get; private set; } = "";

    private Dictionary<string, string?> Environment => new() { ["GNUPGHOME"] = _home.Path };

    public static async Task<GpgTestKeyring> CreateAsync()
    {
        var keyring = new GpgTestKeyring();
        File.SetUnixFileMode(keyring._home.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var generated = await ProcessRunner.RunAsync("gpg",
            ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", "Cutter Backup Test <backup@test.invalid>", "ed25519", "default", "never"],
            keyring.Environment);
        if (!generated.Succeeded) throw new InvalidOperationException($"gpg --quick-gen-key failed: {generated.StandardError}");
        var listed = await ProcessRunner.RunAsync("gpg", ["--batch", "--list-keys", "--with-colons"], keyring.Environment);
        keyring.Fingerprint = listed.StandardOutput.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        return keyring;
    }

    public async Task<bool> ContainsAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("gpg", ["--batch", "--list-keys", "--with-colons", fingerprint], Environment, cancellationToken: cancellationToken);
        return result.Succeeded;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("gpgconf", ["--kill", "gpg-agent"], Environment);
        _home.Dispose();
    }
}
