using System.Collections.Concurrent;
using Cutter.Domain;
using Cutter.Infrastructure;

namespace Cutter.Rehearsal;

/// <summary>
/// A private GNUPGHOME with one passphrase-less Ed25519/Cv25519 key pair, for rehearsals and tests only.
/// It lives under the system temp folder (gpg-agent's socket path must stay short) and is removed on dispose.
/// </summary>
/// <remarks>
/// The key is generated once per process and user id, and each home gets a copy of its files: a test process
/// makes dozens of environments, and generating a key (an RSA one took seconds of gpg-agent time) was the larger
/// part of each. What a home proves is that the backup is encrypted to the configured key and decrypts with it,
/// which a copied key proves as well as a fresh one; the product accepts whatever key the operator configures.
/// </remarks>
internal sealed class ThrowawayGpgHome : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<GeneratedKey>>> Generated = new(StringComparer.Ordinal);

    private ThrowawayGpgHome(string home, string fingerprint)
    {
        Home = home;
        Fingerprint = fingerprint;
    }

    public string Home { get; }
    public string Fingerprint { get; }

    public static async Task<ThrowawayGpgHome> CreateAsync(string userId, CancellationToken cancellationToken = default)
    {
        var key = await Generated.GetOrAdd(userId, id => new Lazy<Task<GeneratedKey>>(() => GenerateAsync(id))).Value.WaitAsync(cancellationToken);
        // CreateTempSubdirectory makes the folder 0700, which gpg requires of its home (and of private-keys-v1.d).
        var home = NewHome();
        foreach (var (relativePath, bytes) in key.Files)
        {
            var path = Path.Combine(home, relativePath);
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new ThrowawayGpgHome(home, key.Fingerprint);
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("gpgconf", ["--kill", "gpg-agent"], new Dictionary<string, string?> { ["GNUPGHOME"] = Home });
        try { Directory.Delete(Home, recursive: true); }
        catch (IOException) { }
    }

    private static string NewHome() => Directory.CreateTempSubdirectory("cutter-gpg-").FullName;

    /// <summary>Generates the key in a home of its own, keeps its files in memory and removes that home.</summary>
    private static async Task<GeneratedKey> GenerateAsync(string userId)
    {
        var home = NewHome();
        var environment = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        try
        {
            // future-default: an Ed25519 primary key with a Cv25519 encryption subkey (the backup encrypts to it).
            var generate = await ProcessRunner.RunAsync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", userId, "future-default", "default", "never"], environment);
            if (!generate.Succeeded) throw new CutterException($"gpg could not generate the rehearsal key: {generate.ErrorSummary}");
            var list = await ProcessRunner.RunAsync("gpg", ["--batch", "--list-keys", "--with-colons", userId], environment);
            var fingerprint = list.StandardOutput.Split('\n').Select(l => l.Split(':')).First(f => f[0] == "fpr")[9];
            await ProcessRunner.RunAsync("gpgconf", ["--kill", "gpg-agent"], environment);
            // The agent's sockets and lock files belong to the generating home; every other file is the key and its trust.
            var files = Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
                .Where(path => !Path.GetFileName(path).StartsWith("S.", StringComparison.Ordinal) && !path.EndsWith(".lock", StringComparison.Ordinal))
                .Select(path => (Path.GetRelativePath(home, path), File.ReadAllBytes(path)))
                .ToArray();
            return new GeneratedKey(fingerprint, files);
        }
        finally
        {
            try { Directory.Delete(home, recursive: true); }
            catch (IOException) { }
        }
    }

    private sealed record GeneratedKey(string Fingerprint, IReadOnlyList<(string RelativePath, byte[] Bytes)> Files);
}
