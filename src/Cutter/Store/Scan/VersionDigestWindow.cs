using System.Buffers;
using System.Runtime.InteropServices;
using Cutter.Cutting;

namespace Cutter.Store.Scan;

/// <summary>
/// The texts of scanned versions hashed a window at a time, as <see cref="ContentHash"/> hashes a cut's units: each
/// text's UTF-8 bytes are copied as they arrive from the COPY into one pooled buffer, and a full window goes through
/// <see cref="MultiBufferSha256"/>, eight texts side by side. One platform digest call per version cost more than the
/// read of the row. A full window is hashed on a worker while the next one fills, so the hashing overlaps the wait
/// for the server's rows instead of adding to it; the digests are copied into the rows on the reading thread (the row
/// list may grow meanwhile). Two windows bound the buffers whatever the store's size.
/// </summary>
internal sealed class VersionDigestWindow : IDisposable
{
    /// <summary>The most texts hashed together.</summary>
    public const int WindowTexts = ContentHash.WindowUnits;

    private Window _filling = new();
    private Window? _hashed;
    private Window? _free;
    private Task? _hashing;

    /// <summary>Queues the text of <paramref name="versions"/>[<paramref name="row"/>]; hands the window to the worker when it is full.</summary>
    public void Add(List<ScannedVersion> versions, int row, ReadOnlySpan<byte> utf8Text)
    {
        if (!_filling.Add(row, utf8Text)) return;
        Collect(versions);
        var full = _filling;
        _hashing = Task.Run(full.Hash);
        _hashed = full;
        _filling = _free ?? new Window();
        _free = null;
    }

    /// <summary>Hashes what is queued and records every digest in its row.</summary>
    public void Flush(List<ScannedVersion> versions)
    {
        Collect(versions);
        _filling.Hash();
        _filling.CopyInto(versions);
    }

    /// <summary>Waits for the window on the worker, if any, and records its digests; its buffers are free for the next.</summary>
    private void Collect(List<ScannedVersion> versions)
    {
        if (_hashing is null || _hashed is null) return;
        _hashing.GetAwaiter().GetResult();
        _hashed.CopyInto(versions);
        _free = _hashed;
        _hashing = null;
        _hashed = null;
    }

    public void Dispose()
    {
        // A window still on the worker (the read failed) must finish before its buffers go back to the pool.
        try { _hashing?.Wait(); }
        catch (AggregateException) { /* the read's own exception is the one that matters */ }
        _filling.Dispose();
        _hashed?.Dispose();
        _free?.Dispose();
    }

    /// <summary>One window's texts back to back, where each ends, the rows they belong to, and their digests.</summary>
    private sealed class Window : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        private readonly int[] _ends = ArrayPool<int>.Shared.Rent(WindowTexts);
        private readonly int[] _rows = ArrayPool<int>.Shared.Rent(WindowTexts);
        private readonly byte[] _digests = ArrayPool<byte>.Shared.Rent(WindowTexts * MultiBufferSha256.DigestBytes);
        private int _count;
        private int _bytes;

        /// <summary>Appends one text; true when the window is full.</summary>
        public bool Add(int row, ReadOnlySpan<byte> utf8Text)
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
            return ++_count == WindowTexts;
        }

        public void Hash()
        {
            if (_count > 0) MultiBufferSha256.Hash(_buffer.AsSpan(0, _bytes), _ends.AsSpan(0, _count), _digests);
        }

        /// <summary>Records each digest in its row and empties the window.</summary>
        public void CopyInto(List<ScannedVersion> versions)
        {
            var rows = CollectionsMarshal.AsSpan(versions);
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
}
