using Cutter.Infrastructure;
using Xunit;

namespace Cutter.Tests.Governance.Backup;

/// <summary>A throwaway GNUPGHOME holding one freshly generated, passphrase-less key pair for backup tests.</summary>
public sealed class GpgTestHome : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string Home => _dir.Path;
    public string Fingerprint { get; private set; } = "";
    public string BackupDirectory => _dir.File("backups");
    public const string UserId = "Cutter Backup Test <backup-test@example.org>";

    private Dictionary<string, string?> Environment => new() { ["GNUPGHOME"] = Home };

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var generate = await ProcessRunner.RunAsync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", UserId, "default", "default", "never"], Environment);
        Assert.True(generate.Succeeded, generate.StandardError);
        var list = await ProcessRunner.RunAsync("gpg", ["--batch", "--list-keys", "--with-colons", UserId], Environment);
        Fingerprint = list.StandardOutput.Split('\n').Select(l => l.Split(':')).First(f => f[0] == "fpr")[9];
    }

    public async Task DisposeAsync()
    {
        // Stop the agent gpg started for this home (only this home's agent), then remove the folder.
        await ProcessRunner.RunAsync("gpgconf", ["--kill", "gpg-agent"], Environment);
        _dir.Dispose();
    }
}
