using System.Text;
using System.Text.Json;
using Cutter.Infrastructure;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// The record of which worker held which item when: one append-only JSON-lines file per worker under
/// <c>&lt;batch_dir&gt;/.workers/</c> (one writer per file, so workers never interleave), flushed at every line. Together
/// with the phase ledger it shows that no document was worked by two workers at once (docs/scale-out.md).
/// </summary>
internal sealed class WorkLog
{
    /// <summary>Not a batch name (those start with a letter or digit), so it never meets a batch's own folder.</summary>
    public const string FolderName = ".workers";
    private const string BatchDirKey = "orchestrator.batch_dir";
    private static readonly JsonSerializerOptions JsonLine = new(SidecarStore.Json) { WriteIndented = false };

    private readonly string _path;

    public WorkLog(string batchDir, string worker)
    {
        var folder = Path.Combine(batchDir, FolderName);
        FolderWrites.Guard(BatchDirKey, folder, () => Directory.CreateDirectory(folder));
        _path = Path.Combine(folder, FileNameOf(worker));
    }

    /// <summary>A worker id as a file name: anything but letters, digits, dot, dash and underscore becomes an underscore.</summary>
    public static string FileNameOf(string worker)
    {
        var name = new StringBuilder(worker.Length + 6);
        foreach (var c in worker) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return name.Append(".jsonl").ToString();
    }

    public void Append(WorkLogEntry entry) =>
        FolderWrites.Guard(BatchDirKey, _path, () =>
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(JsonSerializer.SerializeToUtf8Bytes(entry, JsonLine));
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        });

    /// <summary>Every line every worker wrote under <paramref name="batchDir"/>, in file then line order.</summary>
    public static IReadOnlyList<WorkLogEntry> ReadAll(string batchDir)
    {
        var folder = Path.Combine(batchDir, FolderName);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<WorkLogEntry>(line, JsonLine)!)
            .ToArray();
    }
}
