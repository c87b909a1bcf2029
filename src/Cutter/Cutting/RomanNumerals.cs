namespace Cutter.Cutting;

/// <summary>Strict Roman numerals (I..MMMCMXCIX), so "Title Insurance" or "Part MIX-UP" are not read as numbers.</summary>
internal static class RomanNumerals
{
    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 15)
        {
            return false;
        }
        var previous = int.MaxValue;
        foreach (var c in text)
        {
            var digit = char.ToUpperInvariant(c) switch
            {
                'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, 'D' => 500, 'M' => 1000, _ => 0,
            };
            if (digit == 0)
            {
                return false;
            }
            value += digit > previous ? digit - 2 * previous : digit;
            previous = digit;
        }
        // Canonical form only: re-render and compare, which rejects IIII, IC, VX and the like.
        return value is > 0 and < 4000 && ToRoman(value).Equals(text.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static string ToRoman(int value)
    {
        ReadOnlySpan<int> values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        string[] symbols = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            while (value >= values[i])
            {
                builder.Append(symbols[i]);
                value -= values[i];
            }
        }
        return builder.ToString();
    }
}
