using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>Server-wide counters read before and after a write: WAL position and checkpoints (requested = forced by WAL volume).</summary>
internal sealed record ServerCounters(long WalBytes, long CheckpointsRequested, long CheckpointsTimed, string MaxWalSize)
{
    private const string Query = """
        SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, checkpoints_req, checkpoints_timed, current_setting('max_wal_size')
        FROM pg_stat_bgwriter
        """;

    public static async Task<ServerCounters> ReadAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ServerCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
    }
}
