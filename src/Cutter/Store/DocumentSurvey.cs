using Npgsql;

namespace Cutter.Store;

/// <summary>One document's footprint in the store: unit and version counts and a content hash, all computed in the server.</summary>
public sealed record DocumentFootprint(string KbId, string Code, long Units, long Versions, long EnactedUnits, string ContentSha256);

/// <summary>
/// Surveys every document in the store. The content hash is SHA-256 over, in ordinal order, one line per unit:
/// <c>address \t ordinal \t kind \t lifecycle_state \t version_no:content_sha256,...</c>, joined with '\n'. It is
/// computed by the server so no row leaves it; the same SQL serves drift checks, pre-run snapshots, restore proofs
/// and post-run verification.
/// </summary>
public static class DocumentSurvey
{
    public const string FootprintQuery = """
        SELECT d.kb_id, d.code,
               count(u.iu_id) AS units,
               coalesce(sum(v.versions), 0)::bigint AS versions,
               count(u.iu_id) FILTER (WHERE u.lifecycle_state = 'enacted') AS enacted_units,
               encode(sha256(convert_to(coalesce(string_agg(
                   u.address || E'\t' || u.ordinal || E'\t' || u.kind || E'\t' || u.lifecycle_state || E'\t' || coalesce(v.shas, ''),
                   E'\n' ORDER BY u.ordinal), ''), 'UTF8')), 'hex') AS content_sha256
        FROM cutter_core.document d
        LEFT JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        LEFT JOIN LATERAL (
            SELECT count(*) AS versions, string_agg(uv.version_no || ':' || uv.content_sha256, ',' ORDER BY uv.version_no) AS shas
            FROM cutter_core.unit_version uv WHERE uv.iu_id = u.iu_id
        ) v ON true
        GROUP BY d.kb_id, d.code
        ORDER BY d.code
        """;

    public static async Task<IReadOnlyList<DocumentFootprint>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default, NpgsqlTransaction? transaction = null)
    {
        var result = new List<DocumentFootprint>();
        await using var command = new NpgsqlCommand(FootprintQuery, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DocumentFootprint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5)));
        }
        return result;
    }

    public static async Task<IReadOnlyList<DocumentFootprint>> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, cancellationToken);
    }
}
