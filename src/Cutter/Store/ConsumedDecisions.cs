using Cutter.Domain;
using Npgsql;

namespace Cutter.Store;

/// <summary>A review decision row as recorded in the store: what a gate's consumption wrote, and when.</summary>
internal sealed record ConsumedDecision(Guid ReviewDecisionId, string Gate, string ApprovalKbId, string ApprovalSha256, string? PayloadSha,
    string Signer, DateTimeOffset SignedUtc, DateTimeOffset RecordedAt);

/// <summary>
/// The review decisions one run consumed, read back from the store. The store, not state.json, is their record: a run
/// killed after the COMMIT that consumed a gate but before state.json was saved is recovered from these rows.
/// </summary>
internal static class ConsumedDecisions
{
    public const string OfRunSql = """
        SELECT review_decision_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at
        FROM cutter_governance.review_decision WHERE run_id = @run_id ORDER BY recorded_at, gate
        """;

    public static async Task<IReadOnlyList<ConsumedDecision>> ReadAsync(NpgsqlConnection connection, RunId runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(OfRunSql, connection);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ConsumedDecision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ConsumedDecision(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return rows;
    }
}
