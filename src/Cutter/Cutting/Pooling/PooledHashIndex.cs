using System.Buffers;
using System.Numerics;

namespace Cutter.Cutting.Pooling;

/// <summary>
/// A hash index from keys to positions in a list the caller keeps (open addressing, linear probing), over arrays
/// rented from <see cref="ArrayPool{T}.Shared"/>: what a <c>Dictionary&lt;TKey, int&gt;</c> of a unit's entries
/// does, without the large-object-heap arrays a dictionary of a large document's units allocates at every cut
/// (<see cref="PooledList{T}"/> says why that matters). The key is a struct (<see cref="IPositionKey"/>), so a
/// lookup allocates nothing and compares against the caller's own entries: the index stores positions and hashes only.
/// </summary>
internal sealed class PooledHashIndex : IDisposable
{
    private const int Empty = 0; // slots hold position + 1

    private int[] _slots;
    private int[] _hashes;
    private int _mask;
    private int _count;

    public PooledHashIndex(int expectedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        // At most half full: linear probing stays short.
        var size = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(expectedCount * 2, 16)), 1 << 30);
        (_slots, _hashes, _mask) = Rent(size);
    }

    /// <summary>
    /// The position of the entry equal to <paramref name="key"/>, or -1 when there is none, in which case
    /// <paramref name="newPosition"/> becomes the key's position.
    /// </summary>
    public int FindOrAdd<TKey>(in TKey key, int newPosition) where TKey : struct, IPositionKey
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newPosition);
        var hash = key.Hash;
        var at = hash & _mask;
        while (_slots[at] != Empty)
        {
            var position = _slots[at] - 1;
            if (_hashes[at] == hash && key.IsAt(position))
            {
                return position;
            }
            at = (at + 1) & _mask;
        }
        _slots[at] = newPosition + 1;
        _hashes[at] = hash;
        if (++_count * 2 > _mask + 1)
        {
            Grow();
        }
        return -1;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<int>.Shared.Return(_hashes);
        (_slots, _hashes, _mask, _count) = ([], [], 0, 0);
    }

    private void Grow()
    {
        var (oldSlots, oldHashes, oldSize) = (_slots, _hashes, _mask + 1);
        (_slots, _hashes, _mask) = Rent(oldSize * 2);
        for (var i = 0; i < oldSize; i++)
        {
            if (oldSlots[i] == Empty)
            {
                continue;
            }
            var at = oldHashes[i] & _mask;
            while (_slots[at] != Empty)
            {
                at = (at + 1) & _mask;
            }
            _slots[at] = oldSlots[i];
            _hashes[at] = oldHashes[i];
        }
        ArrayPool<int>.Shared.Return(oldSlots);
        ArrayPool<int>.Shared.Return(oldHashes);
    }

    // The pool may hand back a longer array: only the first `size` slots are used, and they are cleared (a rented
    // array holds whatever its last user left).
    private static (int[] Slots, int[] Hashes, int Mask) Rent(int size)
    {
        var slots = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(slots, 0, size);
        return (slots, ArrayPool<int>.Shared.Rent(size), size - 1);
    }
}
