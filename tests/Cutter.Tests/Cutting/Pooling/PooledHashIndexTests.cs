using System.Buffers;
using Cutter.Cutting.Pooling;
using Xunit;

namespace Cutter.Tests.Cutting.Pooling;

/// <summary>
/// The cutter's pooled hash index against <see cref="Dictionary{TKey,TValue}.TryAdd"/> as the oracle: first position
/// wins, every repeat finds it, through growth, colliding hashes, and arrays the pool hands back dirty.
/// </summary>
public class PooledHashIndexTests
{
    [Fact]
    public void ManyKeysWithRepeats_FindTheFirstPosition_AsADictionaryDoes()
    {
        var random = new Random(5);
        var keys = Enumerable.Range(0, 20_000).Select(_ => $"art-{random.Next(0, 12_000)}/cl-{random.Next(1, 4)}").ToArray();
        var oracle = new Dictionary<string, int>(StringComparer.Ordinal);
        using var index = new PooledHashIndex(keys.Length);

        for (var i = 0; i < keys.Length; i++)
        {
            var expected = oracle.TryAdd(keys[i], i) ? -1 : oracle[keys[i]];
            Assert.Equal(expected, index.FindOrAdd(new StringKey(keys, keys[i]), i));
        }
        Assert.True(oracle.Count < keys.Length, "the sample must hold repeats");
    }

    [Fact]
    public void GrowingFarPastTheExpectedCount_LosesNoKey()
    {
        var keys = Enumerable.Range(0, 5_000).Select(i => $"k{i}").ToArray();
        using var index = new PooledHashIndex(expectedCount: 1);

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(-1, index.FindOrAdd(new StringKey(keys, keys[i]), i));
        }
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i, index.FindOrAdd(new StringKey(keys, keys[i]), keys.Length + i));
        }
    }

    [Fact]
    public void KeysThatAllShareOneHash_AreStillTellApart()
    {
        var keys = Enumerable.Range(0, 300).Select(i => $"same-hash-{i}").ToArray();
        using var index = new PooledHashIndex(keys.Length);

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(-1, index.FindOrAdd(new StringKey(keys, keys[i], hash: 42), i));
        }
        Assert.Equal(123, index.FindOrAdd(new StringKey(keys, "same-hash-123", hash: 42), 999));
        Assert.Equal(-1, index.FindOrAdd(new StringKey(keys, "not-there", hash: 42), 0));
    }

    [Fact]
    public void ArraysThePoolHandsBackDirty_DoNotLeakOldPositions()
    {
        // Fill the pool's arrays of this size with garbage, as a previous renter could leave them.
        for (var i = 0; i < 4; i++)
        {
            var dirty = ArrayPool<int>.Shared.Rent(4096);
            Array.Fill(dirty, 7);
            ArrayPool<int>.Shared.Return(dirty);
        }
        var keys = new[] { "a", "b", "c" };
        using var index = new PooledHashIndex(2048);

        Assert.Equal(-1, index.FindOrAdd(new StringKey(keys, "a"), 0));
        Assert.Equal(-1, index.FindOrAdd(new StringKey(keys, "b"), 1));
        Assert.Equal(0, index.FindOrAdd(new StringKey(keys, "a"), 2));
    }

    [Fact]
    public void ANegativePosition_IsRefused()
    {
        string[] keys = ["a"];
        using var index = new PooledHashIndex(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindOrAdd(new StringKey(keys, "a"), -1));
    }

    private readonly struct StringKey(string[] keys, string key, int? hash = null) : IPositionKey
    {
        public int Hash => hash ?? key.GetHashCode(StringComparison.Ordinal);

        public bool IsAt(int position) => keys[position % keys.Length] == key;
    }
}
