using System.Globalization;

namespace Cutter.Cutting;

/// <summary>
/// The marker and letter strings a cut keeps per clause and point ("1.", "(a)", "a"), shared instead of made per unit:
/// a large document repeats the same few dozen markers tens of thousands of times. Anything not in the table is
/// made as before. The table is filled once and only read, so concurrent cuts share it safely.
/// </summary>
internal static class MarkerStrings
{
    private const int CachedNumbers = 100;

    private static readonly Dictionary<string, string> Table = Build();
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="marker"/>: the shared string when there is one, a new one otherwise.</summary>
    public static string Of(ReadOnlySpan<char> marker) => Lookup.TryGetValue(marker, out var shared) ? shared : marker.ToString();

    /// <summary>An ordered list item's marker as the content keeps it: its number and delimiter ("3." or "3)").</summary>
    public static string Ordered(int order, char delimiter)
    {
        Span<char> text = stackalloc char[12];
        order.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text[length++] = delimiter;
        return Of(text[..length]);
    }

    private static Dictionary<string, string> Build()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string value) => table[value] = value;
        for (var n = 0; n < CachedNumbers; n++)
        {
            var number = n.ToString(CultureInfo.InvariantCulture);
            Add(number + ".");
            Add(number + ")");
            Add("(" + number + ")");
        }
        foreach (var letter in "abcdefghijklmnopqrstuvwxyzđ")
        {
            Add(letter.ToString());
            Add(letter + ")");
            Add("(" + letter + ")");
        }
        foreach (var numeral in new[] { "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii" })
        {
            Add(numeral);
            Add(numeral + ")");
            Add("(" + numeral + ")");
        }
        return table;
    }
}
