using Npgsql;
using NpgsqlTypes;

namespace Cutter.Store.WorkQueue;

/// <summary>Runs <see cref="WorkQueueStatements"/> on a connection of the exec lane.</summary>
internal static class WorkQueueStore
{
    public static async Task<bool> ReleaseAsync(NpgsqlConnection c, Guid batchId, int position, string owner, string state, string? stopCode, string? stopDetail, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(WorkQueueStatements.Release, c);
        Key(command, batchId, position, owner);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.Add(new NpgsqlParameter("stop_code", NpgsqlDbType.Text) { Value = (object?)stopCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("stop_detail", NpgsqlDbType.Text) { Value = (object?)stopDetail ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Items per queue state (<c>queued</c> includes working items whose lease ran out).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountsAsync(NpgsqlConnection c, Guid? batchId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(WorkQueueStatements.Counts, c);
        command.Parameters.Add(new NpgsqlParameter("batch_id", NpgsqlDbType.Uuid) { Value = (object?)batchId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    private static void Key(NpgsqlCommand command, Guid batchId, int position, string owner)
    {
        command.Parameters.AddWithValue("batch_id", batchId);
        command.Parameters.AddWithValue("position", position);
        command.Parameters.AddWithValue("owner", owner);
    }
}
