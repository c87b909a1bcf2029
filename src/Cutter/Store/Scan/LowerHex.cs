using Cutter.Cutting;

namespace Cutter.Store.Scan;

/// <summary>
/// A SHA-256 digest as the 64 lower-case hex digits the store keeps in <c>content_sha256</c>, read from and written to
/// UTF-8 bytes directly: the scan meets one per version and a string for each cost more than the digest itself.
/// </summary>
internal static class LowerHex
{
    public const int DigestChars = Sha256Digest.Length * 2;

    private static ReadOnlySpan<byte> Digits => "0123456789abcdef"u8;

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

    /// <summary>Writes <paramref name="digest"/> as 64 lower-case hex digits.</summary>
    public static void Write(ReadOnlySpan<byte> digest, Span<byte> hex)
    {
        for (var i = 0; i < Sha256Digest.Length; i++)
        {
            hex[2 * i] = Digits[digest[i] >> 4];
            hex[2 * i + 1] = Digits[digest[i] & 0xF];
        }
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
