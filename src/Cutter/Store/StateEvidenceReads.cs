using Npgsql;

namespace Cutter.Store;

/// <summary>A review decision's approval evidence as the store holds it.</summary>
internal sealed record DecisionEvidence(Guid ReviewDecisionId, string Gate, string ApprovalKbId, string ApprovalSha256, string Signer);

/// <summary>
/// What state.json records that the store also holds, read on the verify lane so verification can cross-check the
/// sidecar's copy: each phase's rows written (phase_ledger) and each decision's signer and approval (review_decision).
/// </summary>
internal static class StateEvidenceReads
{
    public const string LedgerRowsWrittenSql = "SELECT phase_no, rows_written FROM cutter_governance.phase_ledger WHERE run_id = @run_id";

    public const string DecisionEvidenceSql = """
        SELECT review_decision_id, gate, approval_kb_id, approval_sha256, signer FROM cutter_governance.review_decision WHERE run_id = @run_id
        """;

    public static async Task<IReadOnlyDictionary<int, long>> ReadLedgerRowsWrittenAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LedgerRowsWrittenSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellationToken)) result[reader.GetInt16(0)] = reader.GetInt64(1);
        return result;
    }

    public static async Task<IReadOnlyList<DecisionEvidence>> ReadDecisionEvidenceAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DecisionEvidenceSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<DecisionEvidence>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DecisionEvidence(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return result;
    }
}
