using System.Text.Json;
using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// The folder KB's map of idempotency key to document id, kept in one JSON file that is replaced atomically
/// (written beside it, then renamed over it) so a crash leaves either the old or the new index, never half of one.
/// </summary>
internal sealed class IdempotencyIndex
{
    public const string FileName = ".idempotency-index.json";
    public const int MaxKeyLength = 200;

    private readonly string _path;

    public IdempotencyIndex(string path) => _path = path;

    public static void ValidateKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new InvalidInputException("idempotency key", $"must be 1-{MaxKeyLength} characters without control characters");
        }
    }

    public Dictionary<string, string> Read()
    {
        if (!File.Exists(_path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(_path));
            return new Dictionary<string, string>(map ?? [], StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(_path, $"the idempotency index is not a JSON object of strings: {ex.Message}");
        }
    }

    public void Write(Dictionary<string, string> map)
    {
        var temporary = _path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, new SortedDictionary<string, string>(map, StringComparer.Ordinal), IndentedJson);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
}
