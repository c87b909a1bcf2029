using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// The SHA-256 of a unit's content over its UTF-8 bytes. A cut hashes tens of thousands of units, so one hasher serves
/// them all: the bytes go through one pooled buffer, and one <see cref="IncrementalHash"/> is reset between units instead
/// of a digest context being set up and torn down per unit (what the one-shot <c>SHA256.HashData</c> does underneath).
/// </summary>
internal sealed class ContentHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    /// <summary>Hashes <paramref name="content"/> into <paramref name="digest"/> (32 bytes); returns its UTF-8 byte count.</summary>
    public int Hash(string content, Span<byte> digest)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(content.Length);
        if (needed > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
        var written = Encoding.UTF8.GetBytes(content, _buffer);
        _hash.AppendData(_buffer, 0, written);
        _hash.GetHashAndReset(digest);
        return written;
    }

    /// <summary>The lower-case hex SHA-256 of one text's UTF-8 bytes, for the occasional single text.</summary>
    public static string Sha256Hex(string content)
    {
        using var hash = new ContentHash();
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.Hash(content, digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
