using Npgsql;

namespace Cutter.Store;

/// <summary>
/// The guards the migrations install, by table: verification requires each present and enabled. Since 0009 that is also
/// the per-run flag guards of the content tables, the TRUNCATE guard of every protected table and the redaction bridge;
/// since 0016 the two triggers that keep one enacted unit per (document, address), which an index kept before.
/// </summary>
internal static class ImmutabilityTriggers
{
    private static readonly string[] ContentTables = ["information_unit", "unit_version", "lifecycle_log"];

    private static readonly string[] ProtectedTables =
    [
        "cutter_core.document", "cutter_core.information_unit", "cutter_core.unit_version", "cutter_core.lifecycle_log",
        "cutter_governance.run", "cutter_governance.phase_ledger", "cutter_governance.review_decision", "cutter_governance.execution_flag",
        "cutter_governance.revert_authorization", "cutter_governance.chain_redaction", "cutter_governance.decision_without_evidence",
    ];

    public static IReadOnlyList<(string Table, string Trigger)> All { get; } =
    [
        .. ContentTables.SelectMany(t => new[] { "insert", "update", "delete" }.Select(op => ($"cutter_core.{t}", $"{t}_flag_{op}"))),
        .. ProtectedTables.Select(t => (t, $"{t[(t.IndexOf('.') + 1)..]}_no_truncate")),
        ("cutter_core.lifecycle_log", "lifecycle_log_redaction"),
        ("cutter_governance.run", "run_immutable"),
        ("cutter_governance.revert_authorization", "revert_authorization_immutable"),
        ("cutter_governance.chain_redaction", "chain_redaction_immutable"),
        ("cutter_governance.decision_without_evidence", "decision_without_evidence_immutable"),
        ("cutter_core.information_unit", "information_unit_immutable"),
        ("cutter_core.information_unit", "information_unit_requires_flag"),
        ("cutter_core.information_unit", "information_unit_unique_enacted_address_insert"),
        ("cutter_core.information_unit", "information_unit_unique_enacted_address_update"),
        ("cutter_core.unit_version", "unit_version_immutable"),
        ("cutter_core.unit_version", "unit_version_requires_flag"),
        ("cutter_core.lifecycle_log", "lifecycle_log_immutable"),
        ("cutter_core.lifecycle_log", "lifecycle_log_requires_flag"),
        ("cutter_governance.review_decision", "review_decision_immutable"),
        ("cutter_governance.phase_ledger", "phase_ledger_immutable"),
    ];
}

/// <summary>A trigger as the catalog shows it; <c>tgenabled = 'O'</c> means it fires in the normal (origin) mode.</summary>
internal sealed record TriggerState(string Table, string Trigger, char Enabled);

/// <summary>One review decision row, as post-run verification reads it.</summary>
internal sealed record ReviewDecisionSummary(Guid ReviewDecisionId, string Gate, string? PayloadSha, string ApprovalKbId);

/// <summary>One document's unit versions re-hashed: content mismatches, and versions whose form could not be recomputed.</summary>
internal sealed record DocumentRehash(long Mismatches, UnknownContentForms UnknownForms);

/// <summary>The run table's row.</summary>
internal sealed record RunRow(string DocumentKbId, int CandidateCount, string State, string PayloadSha);

/// <summary>Who the store is and who is asking: what a verification report records about the database.</summary>
public sealed record DatabaseIdentity(string ServerVersion, string DatabaseName, string SystemIdentifier, string CurrentUser);

/// <summary>
/// Read-only queries of post-run verification (and the pre-run count phase 4 records). Every one runs on the
/// <c>cutter_verify</c> lane; none writes.
/// </summary>
internal static class VerificationReads
{
    public const string CountReviewDecisionsSql = "SELECT count(*) FROM cutter_governance.review_decision";

    public const string RunRowSql = """
        SELECT d.kb_id, r.candidate_count, r.state, r.payload_sha
        FROM cutter_governance.run r JOIN cutter_core.document d ON d.document_id = r.document_id
        WHERE r.run_id = @run_id
        """;

    public const string TargetCountsSql = """
        SELECT
            (SELECT count(*) FROM cutter_core.information_unit u JOIN cutter_core.document d ON d.document_id = u.document_id
              WHERE u.run_id = @run_id AND d.kb_id = @kb_id) AS units,
            (SELECT count(*) FROM cutter_core.information_unit u JOIN cutter_core.document d ON d.document_id = u.document_id
              WHERE u.run_id = @run_id AND d.kb_id = @kb_id AND u.lifecycle_state = 'enacted') AS enacted,
            (SELECT count(*) FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
              JOIN cutter_core.document d ON d.document_id = u.document_id
              WHERE v.run_id = @run_id AND d.kb_id = @kb_id) AS versions,
            (SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = @run_id) AS lifecycle_rows,
            (SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = @run_id AND from_state = 'draft' AND to_state = 'enacted') AS enactments
        """;

    public const string TriggersSql = """
        SELECT n.nspname || '.' || c.relname, t.tgname, t.tgenabled
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname IN ('cutter_core', 'cutter_governance')
        """;

    /// <summary>
    /// Per document, each version re-hashed in the form it names: those whose stored content no longer hashes to
    /// their content_sha256, and those in a form that cannot be recomputed (<see cref="ContentRehash"/>).
    /// </summary>
    public const string RehashMismatchesSql = $"""
        SELECT d.kb_id,
               count(*) FILTER (WHERE v.content_sha256 <> h.recomputed),
               count(*) FILTER (WHERE h.recomputed IS NULL),
               coalesce(array_agg(DISTINCT v.content_hash_form ORDER BY v.content_hash_form) FILTER (WHERE h.recomputed IS NULL), ARRAY[]::text[])
        FROM cutter_core.document d
        JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id
        CROSS JOIN LATERAL (SELECT {ContentRehash.Recomputed} AS recomputed) h
        GROUP BY d.kb_id
        """;

    public const string ReviewDecisionsOfRunSql = """
        SELECT review_decision_id, gate, payload_sha, approval_kb_id FROM cutter_governance.review_decision
        WHERE run_id = @run_id ORDER BY recorded_at, gate
        """;

    public const string LedgerPhasesSql = "SELECT phase_no, phase_name FROM cutter_governance.phase_ledger WHERE run_id = @run_id ORDER BY phase_no";

    /// <summary>Any write privilege on a Cutter table, or superuser: such a session is not the read-only lane.</summary>
    public const string SessionCanWriteSql = """
        SELECT r.rolsuper OR EXISTS (
            SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('cutter_core', 'cutter_governance') AND c.relkind = 'r'
              AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                   OR has_table_privilege(c.oid, 'TRUNCATE')))
        FROM pg_roles r WHERE r.rolname = current_user
        """;

    public const string IdentitySql = "SELECT current_setting('server_version'), current_database(), current_user";

    public const string SystemIdentifierSql = "SELECT system_identifier::text FROM pg_control_system()";

    public static async Task<long> CountReviewDecisionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CountReviewDecisionsSql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<RunRow?> ReadRunAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RunRowSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RunRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    public static async Task<(long Units, long Enacted, long Versions, long LifecycleRows, long Enactments)> ReadTargetCountsAsync(
        NpgsqlConnection connection, Guid runId, string kbId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TargetCountsSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        command.Parameters.AddWithValue("kb_id", kbId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public static async Task<IReadOnlyList<TriggerState>> ReadTriggersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TriggersSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<TriggerState>();
        while (await reader.ReadAsync(cancellationToken)) result.Add(new TriggerState(reader.GetString(0), reader.GetString(1), reader.GetChar(2)));
        return result;
    }

    public static async Task<IReadOnlyDictionary<string, DocumentRehash>> ReadRehashMismatchesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RehashMismatchesSql, connection);
        ContentRehash.AddKnownForms(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, DocumentRehash>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = new DocumentRehash(reader.GetInt64(1), new UnknownContentForms(reader.GetInt64(2), reader.GetFieldValue<string[]>(3)));
        }
        return result;
    }

    public static async Task<IReadOnlyList<ReviewDecisionSummary>> ReadReviewDecisionsAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReviewDecisionsOfRunSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<ReviewDecisionSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ReviewDecisionSummary(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }
        return result;
    }

    public static async Task<IReadOnlyDictionary<int, string>> ReadLedgerPhasesAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LedgerPhasesSql, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken)) result[reader.GetInt16(0)] = reader.GetString(1);
        return result;
    }

    public static async Task<bool> SessionCanWriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SessionCanWriteSql, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Server version, database, user, and the cluster's system identifier (or why it could not be read).</summary>
    public static async Task<DatabaseIdentity> ReadIdentityAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string version, database, user;
        await using (var command = new NpgsqlCommand(IdentitySql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (version, database, user) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        string systemIdentifier;
        try
        {
            await using var command = new NpgsqlCommand(SystemIdentifierSql, connection);
            systemIdentifier = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // pg_control_system() may be restricted on a hardened server; the report says so rather than failing.
            systemIdentifier = "unavailable: permission denied for pg_control_system()";
        }
        return new DatabaseIdentity(version, database, systemIdentifier, user);
    }
}
