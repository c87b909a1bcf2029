using System.Globalization;
using Cutter.Domain;
using Cutter.Domain.Hashing;

namespace Cutter.Store;

/// <summary>
/// The live <see cref="SchemaSurface"/> against the configured pin, as the precheck and the verification check both
/// report it: what was expected, what was found, and, when the reviewed listing is configured and hashes to the pin,
/// the lines (objects) that differ rather than two shas.
/// </summary>
internal sealed record SchemaPinComparison(string Expected, string Actual, bool Matches, IReadOnlyList<string> Differences)
{
    /// <summary>At most this many differing lines are quoted; the count says how many there are.</summary>
    private const int QuotedAtMost = 20;

    public static SchemaPinComparison Compare(SchemaSurface live, string pinText, string listingPath)
    {
        if (string.IsNullOrWhiteSpace(pinText))
        {
            return new($"a pin in {SchemaSurface.PinSetting}", $"no pin configured; live sha {live.Sha} ({live.Lines.Count} lines)", false, []);
        }
        VersionedHash pin;
        bool matches;
        try
        {
            pin = SchemaSurface.ParsePin(pinText);
            matches = live.MatchesPin(pin);
        }
        catch (InvalidInputException ex)
        {
            return new($"a valid pin in {SchemaSurface.PinSetting}", ex.Message, false, []);
        }
        var expected = pin.ToString();
        if (matches) return new(expected, string.Create(CultureInfo.InvariantCulture, $"{live.Sha} ({live.Lines.Count} lines)"), true, []);

        if (string.IsNullOrWhiteSpace(listingPath))
        {
            return new(expected, $"{live.Sha}; set {SchemaSurface.ListingSetting} to the reviewed listing (`cutter db schema-pin --write`) to name the objects that differ", false, []);
        }
        if (!File.Exists(listingPath))
        {
            return new(expected, $"{live.Sha}; the reviewed listing {listingPath} ({SchemaSurface.ListingSetting}) does not exist", false, []);
        }
        var reviewed = SchemaSurface.ParseListing(File.ReadAllText(listingPath));
        if (reviewed.Sha != pin)
        {
            return new(expected, $"{live.Sha}; the reviewed listing {listingPath} hashes to {reviewed.Sha}, not to the pin, so it cannot name what differs", false, []);
        }
        var differences = live.DifferencesFrom(reviewed);
        var quoted = string.Join("; ", differences.Take(QuotedAtMost)) + (differences.Count > QuotedAtMost ? string.Create(CultureInfo.InvariantCulture, $"; and {differences.Count - QuotedAtMost} more") : "");
        return new(expected, string.Create(CultureInfo.InvariantCulture, $"{live.Sha}; {differences.Count} line(s) differ from the reviewed listing: {quoted}"), false, differences);
    }
}
