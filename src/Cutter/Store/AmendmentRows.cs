using Npgsql;

namespace Cutter.Store;

/// <summary>One version of one unit of a document, with the unit's columns and both 0011 marks, as the verify lane reads it.</summary>
internal sealed record DocumentVersionRow(
    long IuId,
    string Address,
    int Ordinal,
    string Kind,
    long? UnitParentIuId,
    string UnitHeading,
    string LifecycleState,
    Guid UnitRunId,
    Guid? RetiredRunId,
    long? SucceedsIuId,
    long UvId,
    int VersionNo,
    string Content,
    string ContentSha256,
    string ContentHashForm,
    Guid VersionRunId,
    Guid? SupersededRunId,
    string? VersionHeading,
    long? VersionParentIuId);

/// <summary>A lifecycle_log row of one run: which unit moved from which state to which.</summary>
internal sealed record LifecycleRow(long IuId, string FromState, string ToState);

/// <summary>A run's kind as 0011's run_create recorded it (no row: an initial run made before 0011).</summary>
internal sealed record RunKindRow(string Kind, string? EnactedSha);

/// <summary>
/// What verification of an amendment run reads of its target document (docs/amendments.md, "How the store holds an
/// amendment"): every unit with every version, text included (re-hashed in C#, never by the store), the run's lifecycle
/// rows and its kind. One document only, on the read-only verify lane.
/// </summary>
internal static class AmendmentRows
{
    private const string Versions = """
        SELECT u.iu_id, u.address, u.ordinal, u.kind, u.parent_iu_id, u.heading, u.lifecycle_state, u.run_id, u.retired_run_id, u.succeeds_iu_id,
               v.uv_id, v.version_no, v.content, v.content_sha256, v.content_hash_form, v.run_id, v.superseded_run_id, v.heading, v.parent_iu_id
        FROM cutter_core.document d
        JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id
        WHERE d.kb_id = @kb_id
        ORDER BY u.ordinal, u.iu_id, v.version_no
        """;

    private const string Lifecycle = "SELECT iu_id, from_state, to_state FROM cutter_core.lifecycle_log WHERE run_id = @run_id ORDER BY log_id";

    private const string Kind = "SELECT kind, enacted_sha FROM cutter_governance.run_kind WHERE run_id = @run_id";

    public static async Task<IReadOnlyList<DocumentVersionRow>> ReadVersionsAsync(NpgsqlConnection connection, string kbId, CancellationToken cancellationToken)
    {
        var rows = new List<DocumentVersionRow>();
        await using var command = new NpgsqlCommand(Versions, connection);
        command.Parameters.AddWithValue("kb_id", kbId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DocumentVersionRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), NullableInt64(reader, 4), reader.GetString(5),
                reader.GetString(6), reader.GetGuid(7), NullableGuid(reader, 8), NullableInt64(reader, 9),
                reader.GetInt64(10), reader.GetInt32(11), reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetGuid(15),
                NullableGuid(reader, 16), reader.IsDBNull(17) ? null : reader.GetString(17), NullableInt64(reader, 18)));
        }
        return rows;
    }

    public static async Task<IReadOnlyList<LifecycleRow>> ReadLifecycleAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        var rows = new List<LifecycleRow>();
        await using var command = new NpgsqlCommand(Lifecycle, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(new LifecycleRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    public static async Task<RunKindRow?> ReadKindAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Kind, connection);
        command.Parameters.AddWithValue("run_id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RunKindRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    private static long? NullableInt64(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}
