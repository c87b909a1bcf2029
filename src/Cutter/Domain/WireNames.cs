using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Cutter.Domain;

/// <summary>
/// The names an enum's members carry on the wire (state.json, the run table, approval docs): a member's
/// <see cref="JsonStringEnumMemberNameAttribute"/> if it has one, else its C# name. One table per enum, read both ways,
/// so a name written is always a name read back, and an unknown name is refused rather than guessed.
/// </summary>
internal static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TEnum>().Select(v => Names[v]).ToArray();

    public static string Of(TEnum value) =>
        Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a defined {typeof(TEnum).Name}");

    public static bool TryParse(string? text, out TEnum value) => Values.TryGetValue(text ?? "", out value);

    public static string UnknownMessage(string? text) =>
        $"'{text}' is not a known {typeof(TEnum).Name} (expected one of {string.Join(", ", All)})";
}
