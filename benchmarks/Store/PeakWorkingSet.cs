using System.Diagnostics;
using System.Globalization;
using Cutter.Store;
using Cutter.Rehearsal.Disposable;
using Cutter.Store.Writes;
using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// `--peak-working-set N`: one live write of N units (phases 7 + 8 + 10) in this process, printing the process's
/// peak working set before the write (the plan, N candidate units, is already in memory, as in a real run) and
/// after it, so the write path's own share is the difference. Runs outside BenchmarkDotNet because a peak is a
/// property of one process, not of an iteration. Also prints the WAL written, the checkpoints the write forced and
/// each phase's duration from the ledger, which is what explains the cost per unit at this size.
/// </summary>
internal static class PeakWorkingSet
{
    public static async Task<int> RunAsync(int units)
    {
        await using var server = await DisposableStoreServer.StartAsync(BenchmarkServer.Options);
        await using var store = await server.NewStoreAsync();
        var sidecar = Directory.CreateTempSubdirectory("cutter-bench-sidecar-").FullName;
        try
        {
            var plan = SyntheticDocument.Create(units);
            var harness = await LiveWriteHarness.PrepareAsync(store, plan, sidecar);
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            var serverBefore = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var rows = await harness.WriteAsync();
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var serverAfter = await ServerCounters.ReadAsync(server.Server.AdminConnectionString);
            process.Refresh();
            var after = process.PeakWorkingSet64;
            var textBytes = SyntheticDocument.PayloadBytes(units);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"units={units} rows_written={rows} seconds={watch.Elapsed.TotalSeconds:F1} units_per_s={units / watch.Elapsed.TotalSeconds:F0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak_working_set_before_write_mb={before / 1e6:F0} peak_working_set_after_write_mb={after / 1e6:F0} write_path_share_mb={(after - before) / 1e6:F0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated_bytes_per_unit={(double)allocated / units:F0} unit_text_bytes_per_unit={(double)textBytes / units:F0} ratio={(double)allocated / textBytes:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wal_mb={(serverAfter.WalBytes - serverBefore.WalBytes) / 1e6:F0} checkpoints_requested={serverAfter.CheckpointsRequested - serverBefore.CheckpointsRequested} checkpoints_timed={serverAfter.CheckpointsTimed - serverBefore.CheckpointsTimed} max_wal_size={serverAfter.MaxWalSize}"));
            // Where the time went, from the run's own phase ledger (each phase's transaction, as committed).
            await using var connection = new NpgsqlConnection(store.OwnerConnectionString);
            await connection.OpenAsync();
            foreach (var row in await RunStore.ReadLedgerAsync(connection, harness.RunId, CancellationToken.None))
            {
                if (row.PhaseNo < 7) continue;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"phase {row.PhaseNo} {row.PhaseName}: {(row.FinishedAt - row.StartedAt).TotalSeconds:F1} s, {row.RowsWritten} rows"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(sidecar, recursive: true);
        }
    }
}
