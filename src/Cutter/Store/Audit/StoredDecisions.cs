using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Audit;

/// <summary>
/// A review decision as stored, with its evidence (0009) and what the store knows of its run: <paramref name="RunMode"/>
/// is null when no run row exists (a decision the owner wrote for no Cutter run, such as the rehearsal's sample seed),
/// and <paramref name="RecordedBeforeEvidence"/> is true for the decisions 0009 found already recorded.
/// </summary>
internal sealed record StoredDecision(
    Guid ReviewDecisionId, RunId RunId, string Gate, string ApprovalKbId, string ApprovalSha256, string? PayloadSha, string Signer,
    byte[]? ApprovalBytes, string? Signature, string? StateSha, string? RunMode, string? RunPayloadSha, bool RecordedBeforeEvidence)
{
    /// <summary>The run's leaf in its batch (0012), when the run belongs to one: what a batch approval's evidence is checked against.</summary>
    public StoredBatchLeaf? BatchLeaf { get; init; }
}

/// <summary>A run's place in its batch: its KB id, leaf position, the batch's size and the leaf's inclusion proof.</summary>
internal sealed record StoredBatchLeaf(Guid BatchId, KbDocId KbId, int Position, int DocumentCount, string InclusionProof);

/// <summary>A row a governed delete removed (chain_redaction for chain-v1 rows, log_redaction since 0010), and the SG_3 decision its authorization cites (if any).</summary>
internal sealed record StoredRedaction(RunId RunId, Guid AuthorizationId, Guid? ReviewDecisionId, string? AuthorizationAction, string? AuthorizationStateSha);

/// <summary>Reads what <c>cutter audit verify</c> re-verifies offline: every decision and every redaction (verify lane).</summary>
internal static class StoredDecisions
{
    private const string Decisions = """
        SELECT d.review_decision_id, d.run_id, d.gate, d.approval_kb_id, d.approval_sha256, d.payload_sha, d.signer,
               d.approval_bytes, d.signature, d.state_sha, r.mode, r.payload_sha,
               EXISTS (SELECT 1 FROM cutter_governance.decision_without_evidence l WHERE l.review_decision_id = d.review_decision_id),
               i.batch_id, i.kb_id, i.position, b.document_count, i.inclusion_proof
        FROM cutter_governance.review_decision d LEFT JOIN cutter_governance.run r ON r.run_id = d.run_id
        LEFT JOIN cutter_governance.batch_item i ON i.run_id = d.run_id LEFT JOIN cutter_governance.batch b ON b.batch_id = i.batch_id
        ORDER BY d.chain_seq NULLS LAST, d.entry_seq, d.review_decision_id
        """;

    private const string Redactions = """
        SELECT DISTINCT r.run_id, r.authorization_id, a.review_decision_id, a.action, a.state_sha
        FROM (SELECT run_id, authorization_id FROM cutter_governance.chain_redaction
              UNION SELECT run_id, authorization_id FROM cutter_governance.log_redaction) r
        LEFT JOIN cutter_governance.revert_authorization a
            ON a.authorization_id = r.authorization_id AND a.run_id = r.run_id
        ORDER BY r.run_id, r.authorization_id
        """;

    /// <summary>Runs the store ended as reverted or compensated: each must rest on an SG_3 decision.</summary>
    private const string EscalatedRuns = "SELECT run_id, state FROM cutter_governance.run WHERE state IN ('reverted', 'compensated') ORDER BY run_id";

    public static async Task<IReadOnlyList<StoredDecision>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Decisions, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredDecision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredDecision(reader.GetGuid(0), RunId.From(reader.GetGuid(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                NullableText(reader, 5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7), NullableText(reader, 8),
                NullableText(reader, 9), NullableText(reader, 10), NullableText(reader, 11), reader.GetBoolean(12))
            {
                BatchLeaf = reader.IsDBNull(13) ? null
                    : new StoredBatchLeaf(reader.GetGuid(13), KbDocId.Parse(reader.GetString(14)), reader.GetInt32(15), reader.GetInt32(16), reader.GetString(17)),
            });
        }
        return rows;
    }

    public static async Task<IReadOnlyList<StoredRedaction>> ReadRedactionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Redactions, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredRedaction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredRedaction(RunId.From(reader.GetGuid(0)), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                NullableText(reader, 3), NullableText(reader, 4)));
        }
        return rows;
    }

    public static async Task<IReadOnlyList<(RunId RunId, string State)>> ReadEscalatedRunsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EscalatedRuns, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(RunId, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((RunId.From(reader.GetGuid(0)), reader.GetString(1)));
        return rows;
    }

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
