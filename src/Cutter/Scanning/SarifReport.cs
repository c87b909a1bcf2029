using System.Text;
using System.Text.Json;
using Cutter.Analyzers;

namespace Cutter.Scanning;

/// <summary>
/// A scan as a SARIF 2.1.0 log (<c>cutter scan --format sarif</c>), the format code-scanning services ingest: one
/// run, the rules the analyzers support, one result per finding, and each unreadable path as an error notification
/// (so the invocation is not successful when a path could not be read).
/// </summary>
internal static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json);
            WriteInvocation(json, result);
            json.WriteStartArray("results");
            foreach (var finding in result.Findings)
            {
                WriteResult(json, finding);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "cutter scan");
        json.WriteString("version", typeof(SarifReport).Assembly.GetName().Version?.ToString() ?? "0.0.0");
        json.WriteStartArray("rules");
        var descriptors = CutterAnalyzers.All.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal);
        foreach (var rule in descriptors)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal));
            WriteText(json, "shortDescription", rule.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteText(json, "fullDescription", rule.Description.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteText(json, "help", "See " + rule.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? ScanSeverity.Error : ScanSeverity.Warning));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", result.Errors.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var error in result.Errors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            WriteText(json, "message", error.Problem);
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, error.Path, region: null);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("properties");
        json.WriteNumber("filesScanned", result.FilesScanned);
        json.WriteNumber("filesSkipped", result.FilesSkipped);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, ScanFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("level", Level(finding.Severity));
        WriteText(json, "message", finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, finding.Path, (finding.Line, finding.Column));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, string path, (int Line, int Column)? region)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ArtifactUri(path));
        json.WriteEndObject();
        if (region is { } r)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", r.Line);
            json.WriteNumber("startColumn", r.Column);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>An absolute path as a file: URI; a relative one as a relative URI reference with forward slashes.</summary>
    public static string ArtifactUri(string path) =>
        Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);

    private static void WriteText(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(ScanSeverity severity) => severity switch
    {
        ScanSeverity.Error => "error",
        ScanSeverity.Warning => "warning",
        _ => "note",
    };
}
