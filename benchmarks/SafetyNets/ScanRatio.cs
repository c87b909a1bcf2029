using System.Diagnostics;
using System.Globalization;
using Cutter.Benchmarks.Store;
using Cutter.Rehearsal.Disposable;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// `--scan-ratio N ROUNDS`: the verification scan against the plain COPY read of the same rows, interleaved. On a
/// shared, loaded machine the load moves between two BenchmarkDotNet cases run minutes apart; timing the two back to
/// back, alternating which goes first, and taking the median of the per-round ratios lets both see the same load.
/// One warm-up round (not counted) reads every page into the cache first.
/// </summary>
public static class ScanRatio
{
    public static async Task<int> RunAsync(int units, int rounds)
    {
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        await using var store = await server.NewStoreAsync();
        await StoreSeeder.SeedAsync(store.OwnerConnectionString, units);
        var connection = store.VerifyConnectionString;
        await StoreScanBenchmarks.CopyReadAsync(connection);
        await StoreScanBenchmarks.ScanAsync(connection);

        var ratios = new List<double>();
        Console.WriteLine("round  copy_ms  scan_ms  ratio");
        for (var round = 1; round <= rounds; round++)
        {
            double copy, scan;
            if (round % 2 == 1)
            {
                copy = await TimeAsync(() => StoreScanBenchmarks.CopyReadAsync(connection));
                scan = await TimeAsync(() => StoreScanBenchmarks.ScanAsync(connection));
            }
            else
            {
                scan = await TimeAsync(() => StoreScanBenchmarks.ScanAsync(connection));
                copy = await TimeAsync(() => StoreScanBenchmarks.CopyReadAsync(connection));
            }
            ratios.Add(scan / copy);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5}  {copy,7:0}  {scan,7:0}  {scan / copy,5:0.00}"));
        }
        ratios.Sort();
        // Where the scan's time goes, once: the COPYs with the hashing of every text, then the two derivations.
        var clock = Stopwatch.StartNew();
        await using (var verify = new Npgsql.NpgsqlConnection(connection))
        {
            await verify.OpenAsync();
            var scanned = await Cutter.Store.Scan.StoreScanReader.ReadAsync(verify);
            var read = clock.Elapsed.TotalMilliseconds;
            scanned.Footprints(Cutter.Domain.Hashing.HashForms.FootprintV2);
            var footprints = clock.Elapsed.TotalMilliseconds - read;
            scanned.Rehash();
            var rehash = clock.Elapsed.TotalMilliseconds - read - footprints;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan breakdown: read + hash texts + index {read:0} ms, footprints {footprints:0} ms, rehash {rehash:0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={units}: median scan/copy {ratios[ratios.Count / 2]:0.00} over {rounds} rounds (min {ratios[0]:0.00}, max {ratios[^1]:0.00})"));
        return 0;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalMilliseconds;
    }
}
