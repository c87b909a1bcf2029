using System.Reflection;
using System.Text;
using System.Text.Json;
using Cutter.Domain;
using Microsoft.Extensions.Configuration;

namespace Cutter.Configuration;

/// <summary>
/// Reads cutter.json strictly before the configuration binder does: malformed JSON is named by line and column, and
/// a key Cutter does not know is refused with the nearest known one, so a typo surfaces at load, not later as
/// "sidecar_root is not configured". Keys compare ignoring case, as the binder does; the free-form maps
/// (pinned_counts, precheck_waivers) are not checked below their own key.
/// </summary>
internal static class ConfigurationFileCheck
{
    private const string SchemaKey = "$schema";

    /// <summary>The orchestrator section's keys, from the settings' <see cref="ConfigurationKeyNameAttribute"/>s.</summary>
    public static IReadOnlyList<string> OrchestratorKeys { get; } = typeof(OrchestratorSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name)
        .ToArray();

    private static readonly string[] Sections = [OrchestratorSettings.SectionName];

    /// <exception cref="InvalidInputException">The file is not well-formed JSON, or holds a key Cutter does not know.</exception>
    public static void Check(string path, byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? section = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName) continue;
                var name = reader.GetString()!;
                if (reader.CurrentDepth == 1)
                {
                    section = name;
                    if (!name.Equals(SchemaKey, StringComparison.Ordinal)) RefuseUnknown(path, json, reader.TokenStartIndex, name, name, Sections);
                }
                else if (reader.CurrentDepth == 2 && OrchestratorSettings.SectionName.Equals(section, StringComparison.OrdinalIgnoreCase))
                {
                    RefuseUnknown(path, json, reader.TokenStartIndex, name, $"{section}.{name}", OrchestratorKeys);
                }
            }
        }
        catch (JsonException malformed)
        {
            // The reader's message ends with its own zero-based position; say it once, one-based as editors count.
            var reason = malformed.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
            throw new InvalidInputException(path, $"configuration cannot be read: line {malformed.LineNumber + 1}, column {malformed.BytePositionInLine + 1}: malformed JSON: {reason}");
        }
    }

    private static void RefuseUnknown(string path, byte[] json, long offset, string key, string qualified, IReadOnlyList<string> known)
    {
        if (known.Contains(key, StringComparer.OrdinalIgnoreCase)) return;
        var (line, column) = Position(json, offset);
        var nearest = known.MinBy(k => EditDistance(k.ToLowerInvariant(), key.ToLowerInvariant()));
        var hint = nearest is not null && EditDistance(nearest.ToLowerInvariant(), key.ToLowerInvariant()) <= Math.Max(2, key.Length / 3)
            ? $"did you mean '{nearest}'?"
            : $"known keys: {string.Join(", ", known)}";
        throw new InvalidInputException(path, $"line {line}, column {column}: unknown configuration key '{qualified}' ({hint})");
    }

    /// <summary>One-based line and column (in characters) of a byte offset.</summary>
    private static (int Line, int Column) Position(byte[] json, long offset)
    {
        var before = json.AsSpan(0, (int)offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
