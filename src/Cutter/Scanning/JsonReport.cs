using System.Text.Json;

namespace Cutter.Scanning;

/// <summary>A scan as plain JSON (<c>cutter scan --format json</c>): findings, unreadable paths and the file counts.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(
            new { result.FilesScanned, result.FilesSkipped, result.Findings, result.Errors },
            Options);
    }
}
