using System.Text.Json;
using Cutter.Domain.Hashing;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Backup;

/// <summary>
/// Phase 5's record, in the run's own sidecar folder, of every encrypted file it finished: path and sha, written
/// before the file gets its final name. A re-run after a crash recognizes a file at its path as its own only when the
/// file still has the recorded sha; it then starts over under the next attempt name (<c>cutter-&lt;run&gt;-attempt-N</c>).
/// Any other file at that path is a stranger's and is never overwritten.
/// </summary>
internal sealed class BackupAttempts(string runFolder)
{
    public const string FileName = "backup-attempts.json";

    private sealed record Attempt(string File, string Sha256);

    public string RecordPath { get; } = Path.Combine(runFolder, FileName);

    public static string Stem(Domain.RunId runId, int attempt) => attempt == 1 ? $"cutter-{runId}" : $"cutter-{runId}-attempt-{attempt}";

    /// <summary>True when <paramref name="file"/> is an attempt this run finished and recorded, unchanged since.</summary>
    public bool IsOwn(string file)
    {
        var recorded = Read().Where(a => string.Equals(a.File, file, StringComparison.Ordinal)).Select(a => a.Sha256).ToArray();
        if (recorded.Length == 0 || !File.Exists(file)) return false;
        VersionedHash actual;
        using (var stream = File.OpenRead(file)) actual = VersionedHash.OfStream(HashForms.Bytes, stream);
        return recorded.Contains(actual.ToString(), StringComparer.Ordinal);
    }

    public void Record(string file, VersionedHash sha)
    {
        var attempts = Read().Append(new Attempt(file, sha.ToString())).ToArray();
        SidecarStore.WriteAtomically(RecordPath, JsonSerializer.SerializeToUtf8Bytes(attempts, SidecarStore.Json));
    }

    private IReadOnlyList<Attempt> Read()
    {
        if (!File.Exists(RecordPath)) return [];
        try
        {
            return JsonSerializer.Deserialize<Attempt[]>(File.ReadAllBytes(RecordPath), SidecarStore.Json) ?? [];
        }
        catch (JsonException)
        {
            // An unreadable record proves nothing: every file at an attempt's path is then a stranger's.
            return [];
        }
    }
}
