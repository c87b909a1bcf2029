using System.Globalization;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.Reports;

namespace Cutter.Orchestration.Audit;

/// <summary>
/// A signed statement of the log's state (docs/audit.md): tree size and root, rows per table, the run and the point
/// it was written at, the grant-matrix sha and (when the store pins one) the schema sha. Rendered as a KB document
/// (front matter only, so the bytes are the statement); the runner signs those exact bytes with SSHSIG under
/// <see cref="SignatureNamespace"/>, and the same bytes and signature go to the sidecar and to the KB.
/// </summary>
internal sealed record LogCheckpoint(string RunId, string Event, long TreeSize, string Root,
    IReadOnlyDictionary<string, long> Counts, string GrantMatrixSha, string? SchemaSha, DateTimeOffset Time)
{
    public const string SignatureNamespace = "cutter-checkpoint";
    public const string Kind = "log_checkpoint";
    public const string Format = "cutter-checkpoint-v1";

    public byte[] Render() => ReportDocument.Render(
        [
            new("kind", Kind),
            new("format", Format),
            new("run_id", RunId),
            new("event", Event),
            new("tree_size", TreeSize.ToString(CultureInfo.InvariantCulture)),
            new("root", Root),
            new("counts", string.Join(",", Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"))),
            new("grant_matrix_sha", GrantMatrixSha),
            new("schema_sha", SchemaSha ?? ""),
            new("time", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        ],
        $"# Log checkpoint of run {RunId} ({Event})\n\nTree size {TreeSize}, root {Root}. Check with `cutter audit verify` (docs/audit.md).\n");

    /// <summary>Reads a checkpoint from its document; <paramref name="source"/> names it in the error.</summary>
    public static LogCheckpoint Parse(IReadOnlyDictionary<string, string> fields, string source)
    {
        string Field(string name) => fields.TryGetValue(name, out var value) ? value
            : throw new InvalidInputException(source, $"is not a log checkpoint: it has no '{name}'");
        if (Field("kind") != Kind || Field("format") != Format)
        {
            throw new InvalidInputException(source, $"is not a {Format} log checkpoint (kind '{Field("kind")}', format '{Field("format")}')");
        }
        if (!long.TryParse(Field("tree_size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new InvalidInputException(source, $"tree_size '{Field("tree_size")}' is not a number");
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in Field("counts").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.LastIndexOf('=');
            if (cut < 1 || !long.TryParse(pair[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new InvalidInputException(source, $"count '{pair}' is not table=rows");
            }
            counts[pair[..cut]] = n;
        }
        if (!DateTimeOffset.TryParse(Field("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new InvalidInputException(source, $"time '{Field("time")}' is not a UTC time");
        }
        var schema = Field("schema_sha");
        return new LogCheckpoint(Field("run_id"), Field("event"), size, Field("root"), counts, Field("grant_matrix_sha"),
            schema.Length == 0 ? null : schema, time);
    }

    public static bool IsCheckpoint(KbDocument document) =>
        document.FrontMatter.TryGetValue("kind", out var kind) && kind == Kind;
}
