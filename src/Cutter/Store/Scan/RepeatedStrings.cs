using System.Text;

namespace Cutter.Store.Scan;

/// <summary>
/// One string per distinct value of a column with few values (a unit's kind, its lifecycle state, a version's hash
/// form), decoded once instead of once per row. Past <see cref="MaxValues"/> distinct values each row gets its own
/// string, so a column with unexpectedly many values costs what decoding always cost, never a growing search.
/// </summary>
internal sealed class RepeatedStrings
{
    public const int MaxValues = 32;

    private readonly List<(byte[] Utf8, string Value)> _known = [];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, value) in _known)
        {
            if (utf8.SequenceEqual(bytes)) return value;
        }
        var text = Encoding.UTF8.GetString(utf8);
        if (_known.Count < MaxValues) _known.Add((utf8.ToArray(), text));
        return text;
    }
}
