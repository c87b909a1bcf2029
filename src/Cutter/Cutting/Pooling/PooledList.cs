using System.Buffers;
using System.Runtime.CompilerServices;

namespace Cutter.Cutting.Pooling;

/// <summary>
/// A growable list over an array rented from <see cref="ArrayPool{T}.Shared"/>, given back on <see cref="Dispose"/>.
/// The cutter's working lists hold an entry a unit: for a large document each would be a new array on the large-object
/// heap at every cut, and every such allocation brings a full (gen-2) collection closer (benchmarks/README.md, "Cutting").
/// </summary>
internal sealed class PooledList<T> : IDisposable
{
    private T[] _items;

    public PooledList(int capacity) => _items = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 16));

    public int Count { get; private set; }

    /// <summary>The entry at <paramref name="index"/>, in place: a struct entry is changed without a copy.</summary>
    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _items[index];
        }
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            Return(_items);
            _items = larger;
        }
        _items[Count++] = item;
    }

    public void Dispose()
    {
        Return(_items);
        _items = [];
        Count = 0;
    }

    // An array given back still holding references would keep a whole document's units alive in the pool.
    private void Return(T[] items) =>
        ArrayPool<T>.Shared.Return(items, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
