using System.Globalization;
using System.Text.RegularExpressions;

namespace Cutter.Domain.Hashing;

/// <summary>
/// What a stored hash was made with: an algorithm and a named, versioned canonical form, written
/// <c>sha256:footprint-v2</c>. Two hashes mean the same thing only when their forms are equal; a hash never changes
/// form (docs/hashes.md).
/// </summary>
public sealed partial record HashForm
{
    private HashForm(string algorithm, string family, int version)
    {
        Algorithm = algorithm;
        Family = family;
        Version = version;
    }

    /// <summary>The digest algorithm; only <c>sha256</c> is made today.</summary>
    public string Algorithm { get; }

    /// <summary>What is hashed: <c>content</c>, <c>payload</c>, <c>grants</c>, <c>footprint</c>, <c>chain</c>, <c>bytes</c>.</summary>
    public string Family { get; }

    /// <summary>The version of the family's canonical form, from 1.</summary>
    public int Version { get; }

    /// <summary><c>sha256:content-v1</c>.</summary>
    public string Tag => string.Create(CultureInfo.InvariantCulture, $"{Algorithm}:{Family}-v{Version}");

    public static HashForm Of(string algorithm, string family, int version)
    {
        if (!Word().IsMatch(algorithm)) throw new ArgumentException($"'{algorithm}' is not an algorithm name", nameof(algorithm));
        if (!FamilyName().IsMatch(family)) throw new ArgumentException($"'{family}' is not a hash family name", nameof(family));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new HashForm(algorithm, family, version);
    }

    /// <summary>Reads a tag such as <c>sha256:grants-v1</c>; <paramref name="input"/> names where it came from.</summary>
    public static HashForm Parse(string text, string input)
    {
        var match = TagPattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new InvalidInputException(input, $"'{text}' is not a hash form (expected <algorithm>:<family>-v<N>, such as sha256:content-v1)");
        }
        return new HashForm(match.Groups[1].Value, match.Groups[2].Value, version);
    }

    public override string ToString() => Tag;

    [GeneratedRegex("^[a-z][a-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // A family may have hyphenated words (log-leaf, log-root); the version is always the last "-v<N>".
    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyName();

    [GeneratedRegex("^([a-z][a-z0-9]*):([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-v([0-9]{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
