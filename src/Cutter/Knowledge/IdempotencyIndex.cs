using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cutter.Domain;

namespace Cutter.Knowledge;

/// <summary>
/// The folder KB's map of idempotency key to document id: one small file per key under
/// <c>.idempotency/</c>, named by the SHA-256 of the key and holding the id, replaced atomically (written beside it,
/// then renamed over it), so a crash leaves the old mapping or the new one, never half of one. A lookup or a record
/// costs the same however many documents the KB holds; the single JSON index this replaced
/// (<c>.idempotency-index.json</c>) was read and rewritten whole on every upload, O(KB) each, which a batch of 1,000
/// documents (about 13,000 uploads) turned into O(n^2). A KB written before still answers through that file, read
/// only when a key has no file of its own, and never written again.
/// </summary>
internal sealed class IdempotencyIndex
{
    public const string FolderName = ".idempotency";
    public const string LegacyFileName = ".idempotency-index.json";
    public const int MaxKeyLength = 200;

    private readonly string _folder;
    private readonly string _legacyPath;
    private Dictionary<string, string>? _legacy;

    public IdempotencyIndex(string kbRoot)
    {
        _folder = Path.Combine(kbRoot, FolderName);
        _legacyPath = Path.Combine(kbRoot, LegacyFileName);
    }

    public static void ValidateKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            throw new InvalidInputException("idempotency key", $"must be 1-{MaxKeyLength} characters without control characters");
        }
    }

    /// <summary>The id recorded for <paramref name="key"/>, or null.</summary>
    public string? Find(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) return File.ReadAllText(path, Encoding.UTF8).Trim();
        return Legacy().GetValueOrDefault(key);
    }

    /// <summary>Records <paramref name="id"/> for <paramref name="key"/> (durably: flushed to disk before the rename).</summary>
    public void Record(string key, string id)
    {
        Directory.CreateDirectory(_folder);
        var path = PathOf(key);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(id + "\n"));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    private Dictionary<string, string> Legacy()
    {
        if (_legacy is not null) return _legacy;
        if (!File.Exists(_legacyPath)) return _legacy = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(_legacyPath));
            return _legacy = new Dictionary<string, string>(map ?? [], StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(_legacyPath, $"the idempotency index is not a JSON object of strings: {ex.Message}");
        }
    }
}
