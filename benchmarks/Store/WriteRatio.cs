using System.Diagnostics;
using System.Globalization;
using Cutter.Cutting;
using Cutter.Rehearsal.Disposable;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// `--write-ratio N`: the live write path (phases 7 + 8 + 10) and baseline (a1) once each at N units, each on a fresh
/// store after its own phase 6, printing both times and the ratio, after checking that both left the same end state (row counts, run state, and log entries). CI's dry benchmark job prints it at 10,000 units
/// (printed, not asserted: one unwarmed iteration on a shared runner, on whatever build CI made); the figures that
/// count come from <see cref="WriteThroughputBenchmarks"/>.
/// </summary>
internal static class WriteRatio
{
    /// <summary>The run's state and its log entries since its creation (phase 6's and the writes'), in log order.</summary>
    private const string EndStateOfRun = """
        SELECT (SELECT state FROM cutter_governance.run WHERE run_id = @run_id) || ' | ' ||
               string_agg(table_name || ' ' || operation || ' ' || row_count, ', ' ORDER BY entry_seq)
        FROM cutter_governance.log_entry WHERE run_id = @run_id
        """;

    public static async Task<int> RunAsync(int units)
    {
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        var plan = SyntheticDocument.Create(units);
        var sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
        try
        {
            // One small write of each first, so neither timed write pays the JIT or the first connections.
            var warmUp = SyntheticDocument.Create(Math.Min(units, 100));
            await TimeAsync(server, warmUp, sidecar, Baseline(warmUp));
            await TimeAsync(server, warmUp, sidecar, Live);
            var (baseline, baselineRows) = await TimeAsync(server, plan, sidecar, Baseline(plan));
            var (live, liveRows) = await TimeAsync(server, plan, sidecar, Live);
            if (baselineRows != liveRows)
            {
                throw new InvalidOperationException($"(a1) did not reach the live path's end state: {baselineRows} against {liveRows}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"write path at {units:N0} units: live 7+8+10 {live.TotalMilliseconds:F0} ms, (a1) same end state {baseline.TotalMilliseconds:F0} ms, live speed vs (a1) {baseline / live:F2}x (printed, not asserted)"));
            return 0;
        }
        finally
        {
            Directory.Delete(sidecar, recursive: true);
        }
    }

    private static Func<StoreDatabase, LiveWriteHarness, Task<long>> Baseline(CandidateSet plan) =>
        (store, harness) => BaselineWrites.SameEndStateAsync(store.ExecConnectionString, plan, harness.RunId);

    private static Task<long> Live(StoreDatabase store, LiveWriteHarness harness) => harness.WriteAsync();

    /// <summary>
    /// Times one write on a fresh store and returns what it left: the run's row counts (units, versions, lifecycle rows,
    /// enacted units), its run state, and its transparency-log entries (table, operation and row count of each, in order).
    /// </summary>
    private static async Task<(TimeSpan Elapsed, string Rows)> TimeAsync(DisposableStoreServer server, CandidateSet plan, string sidecar,
        Func<StoreDatabase, LiveWriteHarness, Task<long>> write)
    {
        await using var store = await server.NewStoreAsync();
        var harness = await LiveWriteHarness.PrepareAsync(store, plan, sidecar);
        var watch = Stopwatch.StartNew();
        await write(store, harness);
        var elapsed = watch.Elapsed;
        await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
        await connection.OpenAsync();
        var counts = await RunStore.ReadRunRowCountsAsync(connection, null, harness.RunId, CancellationToken.None);
        await using var log = new NpgsqlCommand(EndStateOfRun, connection);
        log.Parameters.AddWithValue("run_id", harness.RunId.Value);
        return (elapsed, $"{counts}; {await log.ExecuteScalarAsync()}");
    }
}
