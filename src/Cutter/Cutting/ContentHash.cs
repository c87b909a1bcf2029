using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// The SHA-256 of a unit's content over its UTF-8 bytes, as lower-case hex. The bytes go through a pooled buffer:
/// a large document has tens of thousands of units, and a fresh array per unit is most of the hashing cost.
/// </summary>
internal static class ContentHash
{
    /// <param name="utf8Length">The content's UTF-8 byte count, which the caller has already measured.</param>
    public static string Sha256Hex(string content, int utf8Length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(content, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
