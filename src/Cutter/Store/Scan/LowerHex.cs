using Cutter.Cutting;

namespace Cutter.Store.Scan;

/// <summary>
/// A SHA-256 digest read from the 64 lower-case hex digits the store keeps in <c>content_sha256</c>, as UTF-8 bytes
/// directly: the scan meets one per version and a string for each cost more than the digest itself. Only lower case
/// parses (<see cref="Convert.FromHexString(string)"/> would take upper case too), so a stored sha in any other
/// spelling is kept as its text and never equals a recomputed one. Writing back is <c>Convert.TryToHexStringLower</c>.
/// </summary>
internal static class LowerHex
{
    public const int DigestChars = Sha256Digest.Length * 2;

    /// <summary>Parses exactly 64 lower-case hex digits into <paramref name="digest"/>; false for anything else (upper case included).</summary>
    public static bool TryParse(ReadOnlySpan<byte> hex, Span<byte> digest)
    {
        if (hex.Length != DigestChars) return false;
        for (var i = 0; i < Sha256Digest.Length; i++)
        {
            var high = Nibble(hex[2 * i]);
            var low = Nibble(hex[2 * i + 1]);
            if ((high | low) < 0) return false;
            digest[i] = (byte)(high << 4 | low);
        }
        return true;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
