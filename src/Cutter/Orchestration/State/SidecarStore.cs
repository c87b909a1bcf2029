using System.Text.Json;
using System.Text.Json.Serialization;
using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Store.Audit;

namespace Cutter.Orchestration.State;

/// <summary>
/// The run folders under <c>orchestrator.sidecar_root</c>: <c>&lt;run_id&gt;/state.json</c>, written atomically
/// (temp file, fsync, rename), and the append-only runs index.
/// </summary>
public sealed class SidecarStore
{
    public const string StateFileName = "state.json";
    public const string RunsIndexFileName = "runs-index.jsonl";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };

    public SidecarStore(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new InvalidInputException(SidecarRootKey, "is not configured");
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string RunFolder(RunId runId) => Path.Combine(Root, runId.ToString());

    public string StatePath(RunId runId) => Path.Combine(RunFolder(runId), StateFileName);

    public bool Exists(RunId runId) => File.Exists(StatePath(runId));

    public RunState Load(RunId runId)
    {
        var path = StatePath(runId);
        if (!File.Exists(path)) throw new InvalidInputException("run id", $"no run {runId} under {Root} (no {StateFileName})");
        RunState? state;
        try
        {
            state = JsonSerializer.Deserialize<RunState>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            // A converter's own message names the bad value; the path names the field it was found in.
            var field = ex.Path is { } at && !ex.Message.Contains(at, StringComparison.Ordinal) ? $" (at {at})" : "";
            throw new CutterException($"{path} is not a valid state file: {ex.Message}{field}", ex);
        }
        if (state is null) throw new CutterException($"{path} is empty");
        if (state.SchemaVersion is < RunState.OldestReadableSchemaVersion or > RunState.CurrentSchemaVersion)
        {
            throw new CutterException($"{path} has schema_version {state.SchemaVersion}; this cutter reads {RunState.OldestReadableSchemaVersion} to {RunState.CurrentSchemaVersion}");
        }
        return state;
    }

    public void Save(RunState state)
    {
        var runId = RunId.Parse(state.RunId);
        var folder = RunFolder(runId);
        FolderWrites.Guard(SidecarRootKey, folder, () => Directory.CreateDirectory(folder));
        // A run started under an older schema is written on in the current one: every reader of it handles both.
        state.SchemaVersion = RunState.CurrentSchemaVersion;
        WriteAtomically(Path.Combine(folder, StateFileName), JsonSerializer.SerializeToUtf8Bytes(state, Json));
    }

    public IEnumerable<RunState> LoadAll()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (!Guid.TryParse(Path.GetFileName(folder), out var id) || !File.Exists(Path.Combine(folder, StateFileName))) continue;
            yield return Load(RunId.From(id));
        }
    }

    public const string RunsIndexLockFileName = "runs-index.lock";

    /// <summary>
    /// Appends one event line to the runs index and flushes it to disk. Each line is a link of a hash chain: its
    /// <c>prev_hash</c> is the previous line's <c>row_hash</c>, and its <c>row_hash</c> covers the line's canonical
    /// text (<see cref="IndexLineText"/>) and that prev_hash. Appenders serialize on an exclusive lock file so two
    /// processes cannot both link to the same previous line.
    /// </summary>
    public void AppendIndex(RunIndexEntry entry) => FolderWrites.Guard(SidecarRootKey, IndexPath, () => AppendIndexLine(entry));

    private void AppendIndexLine(RunIndexEntry entry)
    {
        Directory.CreateDirectory(Root);
        using var appendLock = AcquireIndexLock();
        var path = Path.Combine(Root, RunsIndexFileName);
        var previous = LastIndexLine(path) is { } last ? JsonSerializer.Deserialize<RunIndexEntry>(last, JsonLine)?.RowHash : null;
        var unlinked = entry with { PrevHash = null, RowHash = null };
        var linked = unlinked with { PrevHash = previous, RowHash = ChainHashing.Link(IndexLineText(unlinked), previous) };
        var line = JsonSerializer.Serialize(linked, JsonLine) + "\n";
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The chain-v1 canonical text of an index line: its compact JSON without the two chain fields.</summary>
    public static string IndexLineText(RunIndexEntry entry) =>
        JsonSerializer.Serialize(entry with { PrevHash = null, RowHash = null }, JsonLine);

    public string IndexPath => Path.Combine(Root, RunsIndexFileName);

    private FileStream AcquireIndexLock()
    {
        var lockPath = Path.Combine(Root, RunsIndexLockFileName);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                // Another process is appending; the lock is held only for one append.
                Thread.Sleep(25);
            }
        }
    }

    /// <summary>The last non-empty line of the index, read from its tail (the index only grows).</summary>
    private static string? LastIndexLine(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        for (var window = 64 * 1024L; ; window *= 4)
        {
            var start = Math.Max(0, stream.Length - window);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var text = System.Text.Encoding.UTF8.GetString(buffer).TrimEnd('\n');
            var cut = text.LastIndexOf('\n');
            if (cut >= 0 || start == 0)
            {
                var last = cut >= 0 ? text[(cut + 1)..] : text;
                return last.Length == 0 ? null : last;
            }
        }
    }

    /// <summary>Appends one event of <paramref name="state"/>'s run to the runs index.</summary>
    public void AppendEvent(RunState state, string @event, string? detail, DateTimeOffset at) => AppendIndex(new RunIndexEntry(
        at, state.RunId, @event, state.Status.WireName(), state.Document.KbId, state.Document.Code, WireNames<RunMode>.Of(state.Mode), state.PayloadSha, detail));

    /// <summary>A lock taken over from a holder that is provably gone: a warning of the run and a <c>lock_takeover</c> index line.</summary>
    public void RecordLockTakeover(RunState state, string message, DateTimeOffset at)
    {
        state.Warnings.Add(message);
        AppendEvent(state, "lock_takeover", message, at);
    }

    public IReadOnlyList<RunIndexEntry> ReadIndex()
    {
        var path = Path.Combine(Root, RunsIndexFileName);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RunIndexEntry>(l, JsonLine)!).ToArray();
    }

    /// <summary>Writes a file so that a reader sees the old or the new bytes, never a torn mix.</summary>
    /// <remarks>
    /// A folder that refuses the write (read-only, full, gone) is <see cref="StopCodes.FolderUnwritable"/> naming
    /// <paramref name="folderKey"/> and the path; the temporary file is removed first, so the old bytes stay whole and alone.
    /// </remarks>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes) => WriteAtomically(path, bytes, SidecarRootKey);

    /// <summary>The same, naming <paramref name="folderKey"/> (the folder's configuration key) when the folder refuses the write.</summary>
    internal static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, string folderKey)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (FolderWrites.IsFolderFault(ex))
        {
            FolderWrites.DeleteQuietly(temp);
            throw FolderWrites.Stop(folderKey, path, ex);
        }
    }

    internal const string SidecarRootKey = "orchestrator.sidecar_root";
}

/// <summary>One line of the runs index; <see cref="PrevHash"/> and <see cref="RowHash"/> are set by <see cref="SidecarStore.AppendIndex"/>.</summary>
public sealed record RunIndexEntry(DateTimeOffset AtUtc, string RunId, string Event, string Status, string DocumentKbId, string? DocumentCode, string Mode, string? PayloadSha, string? Detail,
    string? PrevHash = null, string? RowHash = null);
