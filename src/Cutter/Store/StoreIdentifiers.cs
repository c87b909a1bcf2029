using System.Text.RegularExpressions;
using Cutter.Domain;

namespace Cutter.Store;

/// <summary>SQL identifiers Cutter itself composes (database names) are checked before they reach SQL.</summary>
internal static partial class StoreIdentifiers
{
    public static string RequireSafe(string identifier, string input) =>
        SafeIdentifier().IsMatch(identifier)
            ? identifier
            : throw new InvalidInputException(input, $"'{identifier}' must be 1-63 characters of a-z, 0-9 and '_', starting with a letter");

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeIdentifier();
}
