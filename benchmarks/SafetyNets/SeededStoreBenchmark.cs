using BenchmarkDotNet.Attributes;
using Cutter.Benchmarks.Store;
using Cutter.Store;
using Cutter.Store.Disposable;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// Shared set-up of the safety-net benchmarks: one durable server per benchmark process and one store holding
/// <see cref="N"/> enacted units (besides nothing else: the safety nets read the whole store), seeded outside the
/// measured region. The safety nets only read the store, so one store serves every iteration.
/// </summary>
public abstract class SeededStoreBenchmark
{
    protected DisposableStoreServer Server { get; private set; } = null!;
    protected StoreDatabase Store { get; private set; } = null!;

    /// <summary>Units already in the store.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkSizes.Units;

    [GlobalSetup]
    public void Setup()
    {
        Server = DisposableStoreServer.StartAsync(new DisposablePostgresOptions { Ephemeral = false }).GetAwaiter().GetResult();
        Store = Server.NewStoreAsync().GetAwaiter().GetResult();
        StoreSeeder.SeedAsync(Store.OwnerConnectionString, N).GetAwaiter().GetResult();
        AfterSeedAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        BeforeTeardownAsync().GetAwaiter().GetResult();
        Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    protected virtual Task AfterSeedAsync() => Task.CompletedTask;

    protected virtual Task BeforeTeardownAsync() => Task.CompletedTask;
}
