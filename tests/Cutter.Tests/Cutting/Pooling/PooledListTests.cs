using Cutter.Cutting.Pooling;
using Xunit;

namespace Cutter.Tests.Cutting.Pooling;

public class PooledListTests
{
    [Fact]
    public void AddingPastTheRentedArray_KeepsEveryEntryInOrder()
    {
        using var list = new PooledList<int>(capacity: 1);

        for (var i = 0; i < 10_000; i++)
        {
            list.Add(i * 3);
        }

        Assert.Equal(10_000, list.Count);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i * 3), Enumerable.Range(0, list.Count).Select(i => list[i]));
    }

    [Fact]
    public void AnEntryIsChangedInPlace_ThroughTheIndexer()
    {
        using var list = new PooledList<(int A, int B)>(4);
        list.Add((1, 2));

        list[0].B = 5;

        Assert.Equal((1, 5), list[0]);
    }

    [Fact]
    public void AnIndexAtOrPastTheCount_IsRefused_EvenInsideTheRentedArray()
    {
        using var list = new PooledList<string>(64);
        list.Add("x");

        Assert.Throws<ArgumentOutOfRangeException>(() => list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void AfterDispose_TheListIsEmpty()
    {
        var list = new PooledList<string>(4);
        list.Add("x");

        list.Dispose();

        Assert.Equal(0, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);
    }
}
