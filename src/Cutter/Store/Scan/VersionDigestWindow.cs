using System.Buffers;
using Cutter.Cutting;

namespace Cutter.Store.Scan;

/// <summary>
/// The texts of scanned versions hashed a window at a time, as <see cref="ContentHash"/> hashes a cut's units: each
/// text's UTF-8 bytes are copied as they arrive from the COPY into one pooled buffer, and a full window goes through
/// <see cref="MultiBufferSha256"/>, eight texts side by side. One platform digest call per version cost more than the
/// read of the row; a window bounds the buffer whatever the store's size.
/// </summary>
internal sealed class VersionDigestWindow : IDisposable
{
    /// <summary>The most texts hashed together.</summary>
    public const int WindowTexts = ContentHash.WindowUnits;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
    private readonly int[] _ends = ArrayPool<int>.Shared.Rent(WindowTexts);
    private readonly int[] _rows = ArrayPool<int>.Shared.Rent(WindowTexts);
    private readonly byte[] _digests = ArrayPool<byte>.Shared.Rent(WindowTexts * MultiBufferSha256.DigestBytes);
    private int _count;
    private int _bytes;

    /// <summary>Queues the text of <paramref name="versions"/>[<paramref name="row"/>]; hashes the window into the rows when it is full.</summary>
    public void Add(List<ScannedVersion> versions, int row, ReadOnlySpan<byte> utf8Text)
    {
        if (_bytes + utf8Text.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes + utf8Text.Length, _buffer.Length * 2));
            _buffer.AsSpan(0, _bytes).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        utf8Text.CopyTo(_buffer.AsSpan(_bytes));
        _bytes += utf8Text.Length;
        _ends[_count] = _bytes;
        _rows[_count] = row;
        if (++_count == WindowTexts) Flush(versions);
    }

    /// <summary>Hashes the queued texts and records each digest in its row.</summary>
    public void Flush(List<ScannedVersion> versions)
    {
        if (_count == 0) return;
        MultiBufferSha256.Hash(_buffer.AsSpan(0, _bytes), _ends.AsSpan(0, _count), _digests);
        var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(versions);
        for (var i = 0; i < _count; i++)
        {
            rows[_rows[i]].SetRecomputed(_digests.AsSpan(i * MultiBufferSha256.DigestBytes, MultiBufferSha256.DigestBytes));
        }
        _count = 0;
        _bytes = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        ArrayPool<int>.Shared.Return(_ends);
        ArrayPool<int>.Shared.Return(_rows);
        ArrayPool<byte>.Shared.Return(_digests);
        _buffer = [];
    }
}
