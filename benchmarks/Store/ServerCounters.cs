using System.Globalization;
using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// Server-wide counters read before and after a write: WAL position, full-page images and records (pg_stat_wal),
/// checkpoints (requested = forced by WAL volume) and where dirty buffers were written from (pg_stat_bgwriter).
/// </summary>
internal sealed record ServerCounters(
    long WalBytes, long CheckpointsRequested, long CheckpointsTimed, string MaxWalSize,
    long WalFullPageImages, long WalRecords, long WalBuffersFull,
    long BuffersCheckpoint, long BuffersClean, long BuffersBackend, long BuffersBackendFsync, double CheckpointWriteMs, double CheckpointSyncMs)
{
    private const string Query = """
        SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, b.checkpoints_req, b.checkpoints_timed, current_setting('max_wal_size'),
               w.wal_fpi, w.wal_records, w.wal_buffers_full,
               b.buffers_checkpoint, b.buffers_clean, b.buffers_backend, b.buffers_backend_fsync, b.checkpoint_write_time, b.checkpoint_sync_time
        FROM pg_stat_bgwriter b CROSS JOIN pg_stat_wal w
        """;

    public static async Task<ServerCounters> ReadAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ServerCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetDouble(11), reader.GetDouble(12));
    }

    /// <summary>What happened on the server between <paramref name="before"/> and this reading, on one line.</summary>
    public string DeltaSince(ServerCounters before) => string.Create(CultureInfo.InvariantCulture,
        $"wal_mb={(WalBytes - before.WalBytes) / 1e6:F0} fpi={WalFullPageImages - before.WalFullPageImages} records={WalRecords - before.WalRecords} " +
        $"wal_buffers_full={WalBuffersFull - before.WalBuffersFull} ckpt_req={CheckpointsRequested - before.CheckpointsRequested} ckpt_timed={CheckpointsTimed - before.CheckpointsTimed} " +
        $"buf_ckpt={BuffersCheckpoint - before.BuffersCheckpoint} buf_clean={BuffersClean - before.BuffersClean} buf_backend={BuffersBackend - before.BuffersBackend} " +
        $"backend_fsync={BuffersBackendFsync - before.BuffersBackendFsync} ckpt_write_s={(CheckpointWriteMs - before.CheckpointWriteMs) / 1000:F1} ckpt_sync_s={(CheckpointSyncMs - before.CheckpointSyncMs) / 1000:F1}");
}
