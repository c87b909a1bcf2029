using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>What a revert or compensation deleted, and the amendment marks it cleared (superseded versions, retired units).</summary>
internal sealed record RevertedRows(int LifecycleRows, int Versions, int Units, int RestoredVersions = 0, int RestoredUnits = 0);

/// <summary>A later run of the same document that still holds rows there.</summary>
internal sealed record LaterRun(RunId RunId, string State, DateTimeOffset CreatedAt);

/// <summary>Deletes one run's content rows under its SG_3 decision, in the caller's transaction.</summary>
internal static class RevertStore
{
    /// <summary>
    /// Records the SG_3 decision (with its evidence), deletes the run's lifecycle rows, versions and units under the
    /// authorization the store creates for this transaction, and ends the run in the state the store returns.
    /// </summary>
    public static async Task<RevertedRows> DeleteRunRowsAsync(NpgsqlConnection c, NpgsqlTransaction tx, ReviewDecisionRow decision, string action, string stateSha, DateTimeOffset now, CancellationToken ct)
    {
        Guid authorizationId;
        await using (var record = new NpgsqlCommand(RevertStatements.RecordEscalation, c, tx))
        {
            record.Parameters.AddWithValue("id", decision.ReviewDecisionId);
            record.Parameters.AddWithValue("run_id", decision.RunId.Value);
            record.Parameters.AddWithValue("approval_kb_id", decision.ApprovalKbId);
            record.Parameters.AddWithValue("approval_sha256", decision.ApprovalSha256);
            record.Parameters.Add("payload_sha", NpgsqlTypes.NpgsqlDbType.Text).Value = (object?)decision.PayloadSha ?? DBNull.Value;
            record.Parameters.AddWithValue("signer", decision.Signer);
            record.Parameters.AddWithValue("signed_utc", decision.SignedUtc);
            RunStore.AddEvidence(record, decision);
            record.Parameters.AddWithValue("action", action);
            record.Parameters.AddWithValue("state_sha", stateSha);
            record.Parameters.AddWithValue("at", now);
            authorizationId = (Guid)(await record.ExecuteScalarAsync(ct))!;
        }
        var lifecycle = await DeleteAsync(c, tx, RevertStatements.DeleteLifecycle, decision.RunId, ct);
        var versions = await DeleteAsync(c, tx, RevertStatements.DeleteVersions, decision.RunId, ct);
        var units = await DeleteAsync(c, tx, RevertStatements.DeleteUnits, decision.RunId, ct);
        var restoredVersions = await DeleteAsync(c, tx, RevertStatements.RestoreSuperseded, decision.RunId, ct);
        var restoredUnits = await DeleteAsync(c, tx, RevertStatements.RestoreRetired, decision.RunId, ct);
        await using (var finish = new NpgsqlCommand(RevertStatements.FinishEscalation, c, tx))
        {
            finish.Parameters.AddWithValue("id", authorizationId);
            finish.Parameters.AddWithValue("at", now);
            await finish.ExecuteNonQueryAsync(ct);
        }
        return new RevertedRows(lifecycle, versions, units, restoredVersions, restoredUnits);
    }

    /// <summary>The latest later run of <paramref name="runId"/>'s document that still holds rows there, or null when there is none.</summary>
    public static async Task<LaterRun?> FindLaterRunAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RevertStatements.LaterRunHoldingRows, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new LaterRun(RunId.From(reader.GetGuid(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    private static async Task<int> DeleteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
