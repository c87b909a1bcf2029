using BenchmarkDotNet.Attributes;
using Cutter.Benchmarks.Store;
using Cutter.Store;
using Cutter.Rehearsal.Disposable;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// Shared set-up of the safety-net benchmarks: one durable server per benchmark process and one store holding
/// <see cref="N"/> enacted units, seeded outside the measured region. The safety nets only read the store, so a
/// seeded store is kept for the life of the process and serves every iteration, every method and (when run
/// in-process, <see cref="StoreJobConfig.InProcessVariable"/>) every safety-net class at that size; the server and
/// its databases are removed when the process exits.
/// </summary>
public abstract class SeededStoreBenchmark
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<int, StoreDatabase> StoresBySize = new();
    private static DisposableStoreServer? _server;

    private protected static DisposableStoreServer Server => _server ?? throw new InvalidOperationException("the benchmark server is not started");
    private protected StoreDatabase Store { get; private set; } = null!;

    /// <summary>Units already in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkSizes.Units;

    [GlobalSetup]
    public void Setup()
    {
        Store = SeededStoreAsync(N).GetAwaiter().GetResult();
        AfterSeedAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => BeforeTeardownAsync().GetAwaiter().GetResult();

    protected virtual Task AfterSeedAsync() => Task.CompletedTask;

    protected virtual Task BeforeTeardownAsync() => Task.CompletedTask;

    private static async Task<StoreDatabase> SeededStoreAsync(int units)
    {
        await Gate.WaitAsync();
        try
        {
            _server ??= await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
            if (!StoresBySize.TryGetValue(units, out var store))
            {
                store = await _server.NewStoreAsync();
                await StoreSeeder.SeedAsync(store.OwnerConnectionString, units);
                StoresBySize[units] = store;
            }
            return store;
        }
        finally
        {
            Gate.Release();
        }
    }
}
