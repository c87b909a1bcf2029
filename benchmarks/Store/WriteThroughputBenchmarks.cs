using BenchmarkDotNet.Attributes;
using Cutter.Cutting;
using Cutter.Store;
using Cutter.Rehearsal.Disposable;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// What: the live write path, phases 7 (units, draft) + 8 (versions) + 10 (enact, lifecycle_log, SG_2 review
/// decision), each one transaction with its ledger row, under the execution flag, with the immutability triggers
/// installed, for N units of ~500 bytes of deterministic text. Compared with, on the same schema and rows
/// (<see cref="BaselineWrites"/>, benchmarks/README.md): (a1) the fastest plain way to the same end state, the Baseline;
/// (a2) draft COPY + one UPDATE without the audit rows (the old "raw COPY" baseline); (b) one INSERT/UPDATE per row
/// (a naive writer; not run above <see cref="BenchmarkSizes.RowByRowLimit"/> units). One durable (default
/// fsync/synchronous_commit) server per benchmark process; every iteration gets a fresh store database and a fresh
/// phase 6, outside the measured region.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WriteBenchmarkConfig))]
public class WriteThroughputBenchmarks
{
    private DisposableStoreServer _server = null!;
    private CandidateSet _plan = null!;
    private StoreDatabase? _store;
    private LiveWriteHarness? _harness;
    private string _sidecar = "";

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkSizes.Units;

    [GlobalSetup]
    public void Setup()
    {
        _server = DisposableStoreServer.StartAsync(BenchmarkServer.Options).GetAwaiter().GetResult();
        _plan = SyntheticDocument.Create(N);
        _sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
    }

    [IterationSetup]
    public void NewStore()
    {
        _store = _server.NewStoreAsync().GetAwaiter().GetResult();
        _harness = LiveWriteHarness.PrepareAsync(_store, _plan, _sidecar).GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DropStore()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_sidecar, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "(a1) same end state, plain")]
    public Task<long> SameEndState() => BaselineWrites.SameEndStateAsync(_store!.ExecConnectionString, _plan, _harness!.RunId);

    [Benchmark(Description = "(a2) draft COPY + UPDATE, no audit rows")]
    public Task<long> DraftCopyThenUpdate() => BaselineWrites.DraftCopyThenUpdateAsync(_store!.ExecConnectionString, _plan, _harness!.RunId);

    [Benchmark(Description = "live write path 7+8+10")]
    public Task<long> LiveWritePath() => _harness!.WriteAsync();

    [Benchmark(Description = "(b) row-by-row INSERT")]
    public Task<long> RowByRow() => BaselineWrites.RowByRowAsync(_store!.ExecConnectionString, _plan, _harness!.RunId);
}
