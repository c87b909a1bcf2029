using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Cutter.Cutting;

/// <summary>
/// The SHA-256 of units' content over their UTF-8 bytes. A cut hashes tens of thousands of units of about a hundred
/// bytes, where one native digest call per unit costs twenty times the compression itself; so the units are hashed a
/// window at a time: their UTF-8 bytes are written back to back into one pooled buffer and hashed together, eight at
/// a time, by <see cref="MultiBufferSha256"/>.
/// </summary>
internal sealed class ContentHash : IDisposable
{
    /// <summary>The most units hashed together: bounds the buffers whatever the document's size.</summary>
    public const int WindowUnits = 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private readonly int[] _ends = ArrayPool<int>.Shared.Rent(WindowUnits);

    /// <summary>
    /// Hashes each of <paramref name="contents"/> (at most <see cref="WindowUnits"/>) into <paramref name="digests"/>,
    /// 32 bytes each in order, and writes each one's UTF-8 byte count into <paramref name="byteCounts"/>.
    /// </summary>
    public void Hash(ReadOnlySpan<string> contents, Span<byte> digests, Span<int> byteCounts)
    {
        if (contents.Length > WindowUnits)
        {
            throw new ArgumentException($"{contents.Length} contents; at most {WindowUnits} are hashed together", nameof(contents));
        }
        var at = 0;
        for (var i = 0; i < contents.Length; i++)
        {
            var needed = at + Encoding.UTF8.GetMaxByteCount(contents[i].Length);
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                _buffer.AsSpan(0, at).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            var written = Encoding.UTF8.GetBytes(contents[i], _buffer.AsSpan(at));
            byteCounts[i] = written;
            at += written;
            _ends[i] = at;
        }
        MultiBufferSha256.Hash(_buffer.AsSpan(0, at), _ends.AsSpan(0, contents.Length), digests);
    }

    /// <summary>The lower-case hex SHA-256 of one text's UTF-8 bytes, for the occasional single text.</summary>
    public static string Sha256Hex(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<int>.Shared.Return(_ends);
        _buffer = [];
    }
}
