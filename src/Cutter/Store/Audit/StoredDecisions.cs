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
    // A batch run's decision (0014) stores no copy of its approval: the evidence is the batch_approval row whose sha it
    // names, read once per approval (BatchApprovals) however many runs share it.
    private const string Decisions = """
        SELECT d.review_decision_id, d.run_id, d.gate, d.approval_kb_id, d.approval_sha256, d.payload_sha, d.signer,
               d.approval_bytes, d.signature, d.state_sha, r.mode, r.payload_sha,
               EXISTS (SELECT 1 FROM cutter_governance.decision_without_evidence l WHERE l.review_decision_id = d.review_decision_id),
               i.batch_id, i.kb_id, i.position, b.document_count, i.inclusion_proof
        FROM cutter_governance.review_decision d LEFT JOIN cutter_governance.run r ON r.run_id = d.run_id
        LEFT JOIN cutter_governance.batch_item i ON i.run_id = d.run_id LEFT JOIN cutter_governance.batch b ON b.batch_id = i.batch_id
        WHERE @run_id::uuid IS NULL OR d.run_id = @run_id
        ORDER BY d.chain_seq NULLS LAST, d.entry_seq, d.review_decision_id
        """;

    private const string BatchApprovals = """
        SELECT a.approval_sha256, a.approval_bytes, a.signature FROM cutter_governance.batch_approval a
        WHERE @run_id::uuid IS NULL OR a.approval_sha256 IN (SELECT d.approval_sha256 FROM cutter_governance.review_decision d WHERE d.run_id = @run_id)
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

    /// <param name="onlyRun">When given, that run's decisions only (the post-run check); else every decision in the store.</param>
    public static async Task<IReadOnlyList<StoredDecision>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken, RunId? onlyRun = null)
    {
        var batchApprovals = new Dictionary<string, (byte[] Bytes, string Signature)>(StringComparer.Ordinal);
        await using (var approvals = new NpgsqlCommand(BatchApprovals, connection))
        {
            AddRunFilter(approvals, onlyRun);
            await using var reader = await approvals.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) batchApprovals[reader.GetString(0)] = (reader.GetFieldValue<byte[]>(1), reader.GetString(2));
        }

        await using var command = new NpgsqlCommand(Decisions, connection);
        AddRunFilter(command, onlyRun);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var decisions = new List<StoredDecision>();
        while (await rows.ReadAsync(cancellationToken))
        {
            var approvalSha = rows.GetString(4);
            var (bytes, signature) = rows.IsDBNull(7) && batchApprovals.TryGetValue(approvalSha, out var shared)
                ? (shared.Bytes, shared.Signature)
                : (rows.IsDBNull(7) ? null : rows.GetFieldValue<byte[]>(7), NullableText(rows, 8));
            decisions.Add(new StoredDecision(rows.GetGuid(0), RunId.From(rows.GetGuid(1)), rows.GetString(2), rows.GetString(3), approvalSha,
                NullableText(rows, 5), rows.GetString(6), bytes, signature,
                NullableText(rows, 9), NullableText(rows, 10), NullableText(rows, 11), rows.GetBoolean(12))
            {
                BatchLeaf = rows.IsDBNull(13) ? null
                    : new StoredBatchLeaf(rows.GetGuid(13), KbDocId.Parse(rows.GetString(14)), rows.GetInt32(15), rows.GetInt32(16), rows.GetString(17)),
            });
        }
        return decisions;
    }

    private static void AddRunFilter(NpgsqlCommand command, RunId? onlyRun) =>
        command.Parameters.Add("run_id", NpgsqlTypes.NpgsqlDbType.Uuid).Value = onlyRun is { } run ? run.Value : DBNull.Value;

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
