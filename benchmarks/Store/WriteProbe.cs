using System.Diagnostics;
using System.Globalization;
using Cutter.Rehearsal.Disposable;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// `--write-probe N ROUNDS`: baseline (a1) and the live write path in turn, ROUNDS times each at N units, each on a
/// fresh store after its own phase 6 (as <see cref="WriteThroughputBenchmarks"/> iterates), printing per write its
/// time, each phase's time from the ledger and what the server did meanwhile (WAL, full-page images, checkpoints,
/// who wrote the dirty buffers). It explains a BenchmarkDotNet figure; it is not one.
/// </summary>
internal static class WriteProbe
{
    public static async Task<int> RunAsync(int units, int rounds)
    {
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        var plan = SyntheticDocument.Create(units);
        var sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
        Console.WriteLine($"server: {BenchmarkServer.Describe()}");
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                await ProbeAsync(server, plan, sidecar, $"round {round} (a1)", (store, harness) => BaselineWrites.SameEndStateAsync(store.ExecConnectionString, plan, harness.RunId));
                await ProbeAsync(server, plan, sidecar, $"round {round} live", (_, harness) => harness.WriteAsync());
            }
            return 0;
        }
        finally
        {
            Directory.Delete(sidecar, recursive: true);
        }
    }

    /// <summary>
    /// `--enact-explain N`: phases 7 and 8 of the live path at N units, then phase 10 with auto_explain on in the
    /// store database (ANALYZE, BUFFERS, WAL, triggers and the statements inside them, every statement over 100 ms),
    /// printing the server log's plans: what the enact statement and its triggers cost, node by node.
    /// </summary>
    public static async Task<int> ExplainEnactAsync(int units)
    {
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        var plan = SyntheticDocument.Create(units);
        var sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
        try
        {
            await using var store = await server.NewStoreAsync();
            // Set before the harness opens its lanes: the lanes pool their connections, and session_preload_libraries
            // applies only to a new session.
            string log;
            await using (var admin = new NpgsqlConnection(server.Server.AdminConnectionString))
            {
                await admin.OpenAsync();
                foreach (var setting in new[] { "session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 100", "auto_explain.log_analyze = on",
                    "auto_explain.log_buffers = on", "auto_explain.log_wal = on", "auto_explain.log_triggers = on", "auto_explain.log_nested_statements = on" })
                {
                    await using var set = new NpgsqlCommand($"ALTER DATABASE \"{store.Name}\" SET {setting}", admin);
                    await set.ExecuteNonQueryAsync();
                }
                await using var directory = new NpgsqlCommand("SELECT current_setting('data_directory')", admin);
                log = Path.Combine(Path.GetDirectoryName((string)(await directory.ExecuteScalarAsync())!)!, "server.log");
            }
            var harness = await LiveWriteHarness.PrepareAsync(store, plan, sidecar);
            await harness.WriteDraftAsync();
            var offset = new FileInfo(log).Length;
            var before = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
            var watch = Stopwatch.StartNew();
            await harness.EnactAsync();
            var elapsed = watch.Elapsed;
            var after = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enact {elapsed.TotalSeconds:F1} s {after.DeltaSince(before)}"));
            await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offset, SeekOrigin.Begin);
            Console.WriteLine(await new StreamReader(stream).ReadToEndAsync());
            return 0;
        }
        finally
        {
            Directory.Delete(sidecar, recursive: true);
        }
    }

    private static async Task ProbeAsync(DisposableStoreServer server, Cutter.Cutting.CandidateSet plan, string sidecar, string label,
        Func<StoreDatabase, LiveWriteHarness, Task<long>> write)
    {
        await using var store = await server.NewStoreAsync();
        var harness = await LiveWriteHarness.PrepareAsync(store, plan, sidecar);
        var before = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
        var watch = Stopwatch.StartNew();
        await write(store, harness);
        watch.Stop();
        var after = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
        await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
        await connection.OpenAsync();
        var phases = (await RunStore.ReadLedgerAsync(connection, harness.RunId, CancellationToken.None))
            .Where(row => row.PhaseNo >= 7)
            .Select(row => string.Create(CultureInfo.InvariantCulture, $"p{row.PhaseNo}={(row.FinishedAt - row.StartedAt).TotalSeconds:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:HH:mm:ss} {label}: {watch.Elapsed.TotalSeconds:F1} s [{string.Join(' ', phases)}] {after.DeltaSince(before)}"));
    }
}
