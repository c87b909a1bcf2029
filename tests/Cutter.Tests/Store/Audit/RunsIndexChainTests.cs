using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>The runs index chain written by <see cref="SidecarStore.AppendIndex"/>, without a store.</summary>
public sealed class RunsIndexChainTests
{
    private static RunIndexEntry Entry(int i) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(i), "run-" + i, "event", "status", "KB-2186", "ICX", "live", null, "detail " + i);

    [Fact]
    public void Appends_from_several_threads_at_once_leave_one_unforked_chain()
    {
        using var folder = new TempFolder();
        var sidecar = new SidecarStore(folder.Path);

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, writer =>
        {
            for (var i = 0; i < 25; i++) sidecar.AppendIndex(Entry(writer * 100 + i));
        });

        var (head, broken) = ChainVerifier.VerifyRunsIndex(sidecar.IndexPath);
        Assert.Null(broken);
        Assert.Equal(100, head.Rows);
        var entries = sidecar.ReadIndex();
        Assert.Null(entries[0].PrevHash);
        Assert.Equal(99, entries.Skip(1).Select(e => e.PrevHash).Distinct().Count());
        Assert.Equal(entries[^1].RowHash, head.Head);
    }

    [Fact]
    public void A_line_deleted_from_the_middle_is_caught_at_the_next_line()
    {
        using var folder = new TempFolder();
        var sidecar = new SidecarStore(folder.Path);
        for (var i = 0; i < 5; i++) sidecar.AppendIndex(Entry(i));
        var lines = File.ReadAllLines(sidecar.IndexPath).ToList();
        var removed = sidecar.ReadIndex()[2];
        lines.RemoveAt(2);
        File.WriteAllLines(sidecar.IndexPath, lines);

        var (_, broken) = ChainVerifier.VerifyRunsIndex(sidecar.IndexPath);

        Assert.NotNull(broken);
        Assert.Equal("line 3 (event run-3)", broken.RowKey);
        Assert.Equal((removed.PrevHash, removed.RowHash), (broken.Expected, broken.Found));
    }

    [Fact]
    public void The_row_hash_is_the_documented_link_of_the_line_text_and_the_previous_hash()
    {
        using var folder = new TempFolder();
        var sidecar = new SidecarStore(folder.Path);
        sidecar.AppendIndex(Entry(1));
        sidecar.AppendIndex(Entry(2));
        var entries = sidecar.ReadIndex();

        var text = """{"at_utc":"1970-01-01T00:00:02+00:00","run_id":"run-2","event":"event","status":"status","document_kb_id":"KB-2186","document_code":"ICX","mode":"live","detail":"detail 2"}""";
        Assert.Equal(text, SidecarStore.IndexLineText(entries[1]));
        Assert.Equal(ChainHashing.Link(text, entries[0].RowHash), entries[1].RowHash);
        Assert.Matches("^sha256:chain-v1:[0-9a-f]{64}$", entries[1].RowHash);
    }
}
