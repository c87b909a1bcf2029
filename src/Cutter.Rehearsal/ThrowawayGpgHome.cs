using Cutter.Domain;
using Cutter.Infrastructure;

namespace Cutter.Rehearsal;

/// <summary>
/// A private GNUPGHOME with one freshly generated, passphrase-less key pair, for rehearsals and tests only.
/// It lives under the system temp folder (gpg-agent's socket path must stay short) and is removed on dispose.
/// </summary>
internal sealed class ThrowawayGpgHome : IAsyncDisposable
{
    private ThrowawayGpgHome(string home, string fingerprint)
    {
        Home = home;
        Fingerprint = fingerprint;
    }

    public string Home { get; }
    public string Fingerprint { get; }

    public static async Task<ThrowawayGpgHome> CreateAsync(string userId, CancellationToken cancellationToken = default)
    {
        // CreateTempSubdirectory makes the folder 0700, which gpg requires of its home.
        var home = Directory.CreateTempSubdirectory("cutter-gpg-").FullName;
        var environment = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        var generate = await ProcessRunner.RunAsync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", userId, "default", "default", "never"], environment, cancellationToken: cancellationToken);
        if (!generate.Succeeded) throw new CutterException($"gpg could not generate the rehearsal key: {generate.ErrorSummary}");
        var list = await ProcessRunner.RunAsync("gpg", ["--batch", "--list-keys", "--with-colons", userId], environment, cancellationToken: cancellationToken);
        var fingerprint = list.StandardOutput.Split('\n').Select(l => l.Split(':')).First(f => f[0] == "fpr")[9];
        return new ThrowawayGpgHome(home, fingerprint);
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("gpgconf", ["--kill", "gpg-agent"], new Dictionary<string, string?> { ["GNUPGHOME"] = Home });
        try { Directory.Delete(Home, recursive: true); }
        catch (IOException) { }
    }
}
