using System.Globalization;

namespace Cutter.Cutting;

/// <summary>
/// A unit's address, <c>parent/prefix-token</c> (<c>prefix-token</c> at the root, the bare prefix for a preamble), made as
/// one string: a large document has a hundred thousand units, and building the segment and then the address made two.
/// </summary>
internal static class UnitAddress
{
    private const int StackChars = 256;

    /// <summary>A segment with no token: the preamble's.</summary>
    public static string Of(DraftUnit? parent, string kind) => Of(parent, kind, ReadOnlySpan<char>.Empty, hasToken: false);

    public static string Of(DraftUnit? parent, string kind, string token) => Of(parent, kind, token.AsSpan(), hasToken: true);

    public static string Of(DraftUnit? parent, string kind, int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return Of(parent, kind, digits[..length], hasToken: true);
    }

    private static string Of(DraftUnit? parent, string kind, ReadOnlySpan<char> token, bool hasToken)
    {
        var prefix = UnitKinds.AddressPrefix(kind);
        var parentAddress = parent is null ? ReadOnlySpan<char>.Empty : parent.Address.AsSpan();
        var length = (parent is null ? 0 : parentAddress.Length + 1) + prefix.Length + (hasToken ? token.Length + 1 : 0);
        Span<char> buffer = length <= StackChars ? stackalloc char[StackChars] : new char[length];
        var at = 0;
        if (parent is not null)
        {
            parentAddress.CopyTo(buffer);
            at = parentAddress.Length;
            buffer[at++] = '/';
        }
        prefix.CopyTo(buffer[at..]);
        at += prefix.Length;
        if (hasToken)
        {
            buffer[at++] = '-';
            token.CopyTo(buffer[at..]);
        }
        return new string(buffer[..length]);
    }
}
