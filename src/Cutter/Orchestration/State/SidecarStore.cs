using System.Text.Json;
using System.Text.Json.Serialization;
using Cutter.Domain;

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
        if (string.IsNullOrWhiteSpace(root)) throw new InvalidInputException("orchestrator.sidecar_root", "is not configured");
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
            throw new CutterException($"{path} is not a valid state file: {ex.Message}", ex);
        }
        if (state is null) throw new CutterException($"{path} is empty");
        if (state.SchemaVersion != RunState.CurrentSchemaVersion)
        {
            throw new CutterException($"{path} has schema_version {state.SchemaVersion}; this cutter reads {RunState.CurrentSchemaVersion}");
        }
        return state;
    }

    public void Save(RunState state)
    {
        var runId = RunId.Parse(state.RunId);
        var folder = RunFolder(runId);
        Directory.CreateDirectory(folder);
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

    /// <summary>Appends one event line to the runs index and flushes it to disk.</summary>
    public void AppendIndex(RunIndexEntry entry)
    {
        Directory.CreateDirectory(Root);
        var line = JsonSerializer.Serialize(entry, JsonLine) + "\n";
        using var stream = new FileStream(Path.Combine(Root, RunsIndexFileName), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    public IReadOnlyList<RunIndexEntry> ReadIndex()
    {
        var path = Path.Combine(Root, RunsIndexFileName);
        if (!File.Exists(path)) return [];
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RunIndexEntry>(l, JsonLine)!).ToArray();
    }

    /// <summary>Writes a file so that a reader sees the old or the new bytes, never a torn mix.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>One line of the runs index.</summary>
public sealed record RunIndexEntry(DateTimeOffset AtUtc, string RunId, string Event, string Status, string DocumentKbId, string? DocumentCode, string Mode, string? PayloadSha, string? Detail);
