namespace Cutter.Cutting.Pooling;

/// <summary>A key a <see cref="PooledHashIndex"/> looks up: its hash, and whether the entry at a position of the caller's list is it.</summary>
internal interface IPositionKey
{
    int Hash { get; }

    bool IsAt(int position);
}
