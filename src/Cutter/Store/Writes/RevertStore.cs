using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>What a revert or compensation deleted.</summary>
internal sealed record RevertedRows(int LifecycleRows, int Versions, int Units);

/// <summary>Deletes one run's content rows under an SG_3 authorization, in the caller's transaction.</summary>
internal static class RevertStore
{
    public static async Task<RevertedRows> DeleteRunRowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, string action, string stateSha, Guid reviewDecisionId, DateTimeOffset now, TimeSpan authorizationTtl, CancellationToken ct)
    {
        var authorizationId = Guid.NewGuid();
        await using (var insert = new NpgsqlCommand(RevertStatements.InsertAuthorization, c, tx))
        {
            insert.Parameters.AddWithValue("id", authorizationId);
            insert.Parameters.AddWithValue("run_id", runId.Value);
            insert.Parameters.AddWithValue("action", action);
            insert.Parameters.AddWithValue("state_sha", stateSha);
            insert.Parameters.AddWithValue("review_decision_id", reviewDecisionId);
            insert.Parameters.AddWithValue("expires_at", now + authorizationTtl);
            insert.Parameters.AddWithValue("at", now);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var use = new NpgsqlCommand(RevertStatements.UseAuthorization, c, tx))
        {
            use.Parameters.AddWithValue("id", authorizationId.ToString("D"));
            await use.ExecuteNonQueryAsync(ct);
        }
        var lifecycle = await DeleteAsync(c, tx, RevertStatements.DeleteLifecycle, runId, ct);
        var versions = await DeleteAsync(c, tx, RevertStatements.DeleteVersions, runId, ct);
        var units = await DeleteAsync(c, tx, RevertStatements.DeleteUnits, runId, ct);
        await using (var consume = new NpgsqlCommand(RevertStatements.ConsumeAuthorization, c, tx))
        {
            consume.Parameters.AddWithValue("id", authorizationId);
            consume.Parameters.AddWithValue("at", now);
            await consume.ExecuteNonQueryAsync(ct);
        }
        return new RevertedRows(lifecycle, versions, units);
    }

    private static async Task<int> DeleteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
