using Npgsql;

namespace Cutter.Store;

/// <summary>
/// One version that ever stood at an address: which unit it belongs to, its text, the run that wrote it, when it came
/// into force (its enacting lifecycle row) and when it stopped (superseded or retired; null while it stands).
/// <see cref="SucceedsAddress"/> names the address a moved unit's text stood at before.
/// </summary>
internal sealed record UnitVersionHistory(
    long UnitId,
    string Address,
    string Kind,
    string LifecycleState,
    string? SucceedsAddress,
    int VersionNo,
    string Heading,
    string Content,
    string ContentSha256,
    Guid RunId,
    DateTimeOffset? InForceFrom,
    DateTimeOffset? InForceUntil,
    Guid? EndedByRunId)
{
    /// <summary>Whether this version was the text in force at <paramref name="at"/>: enacted at or before it, not ended by then.</summary>
    public bool InForceAt(DateTimeOffset at) => InForceFrom is { } from && from <= at && (InForceUntil is not { } until || until > at);
}

/// <summary>
/// "What did a unit say on date D, and which run changed it" (docs/amendments.md, "History queries"): every version of
/// every unit that ever stood at one address of a document, with its span in force read from the lifecycle log. A
/// version comes into force with its run's enacting row (<c>draft → enacted</c>, or <c>enacted@vN → enacted@vN+1</c>
/// for a new version) and ends with the row of the run that superseded it or retired its unit. Rows of a reverted
/// run are gone, so its versions are not history. Read through the verify lane.
/// </summary>
internal static class UnitHistory
{
    private const string Query = """
        SELECT u.iu_id, u.address, u.kind, u.lifecycle_state, s.address AS succeeds_address,
               v.version_no, coalesce(v.heading, u.heading), v.content, v.content_sha256, v.run_id,
               (SELECT min(l.at) FROM cutter_core.lifecycle_log l
                 WHERE l.iu_id = u.iu_id AND l.run_id = v.run_id
                   AND (l.to_state = 'enacted' OR l.to_state = ('enacted@v' || v.version_no))) AS in_force_from,
               (SELECT min(l.at) FROM cutter_core.lifecycle_log l
                 WHERE l.iu_id = u.iu_id
                   AND ((l.run_id = v.superseded_run_id AND l.to_state <> 'retired')
                        OR (l.run_id = u.retired_run_id AND l.to_state = 'retired'))) AS in_force_until,
               coalesce(v.superseded_run_id, u.retired_run_id) AS ended_by
        FROM cutter_core.document d
        JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id
        LEFT JOIN cutter_core.information_unit s ON s.iu_id = u.succeeds_iu_id
        WHERE d.kb_id = @kb_id AND u.address = @address
        ORDER BY in_force_from NULLS LAST, u.iu_id, v.version_no
        """;

    /// <summary>Whether the document is registered in the store at all (an unknown document is bad input, an unknown address is an empty history).</summary>
    private const string DocumentKnown = "SELECT EXISTS (SELECT 1 FROM cutter_core.document WHERE kb_id = @kb_id)";

    /// <summary>Every version that stood (or stands, or waits as a draft) at <paramref name="address"/>, oldest first; null when the document is not in the store.</summary>
    public static async Task<IReadOnlyList<UnitVersionHistory>?> ReadAsync(NpgsqlConnection connection, string kbId, string address, CancellationToken cancellationToken = default)
    {
        await using (var known = new NpgsqlCommand(DocumentKnown, connection))
        {
            known.Parameters.AddWithValue("kb_id", kbId);
            if (!(bool)(await known.ExecuteScalarAsync(cancellationToken))!) return null;
        }
        var history = new List<UnitVersionHistory>();
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue("kb_id", kbId);
        command.Parameters.AddWithValue("address", address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new UnitVersionHistory(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetGuid(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : reader.GetGuid(12)));
        }
        return history;
    }
}
