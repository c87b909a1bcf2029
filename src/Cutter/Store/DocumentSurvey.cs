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
    /// <summary>
    /// The versions are read once, in (iu_id, version_no) order, and numbered per unit, then merge-joined to the units:
    /// a probe of unit_version per unit (a LATERAL subquery) cost 7x a sequential read of the tables. The bytes hashed
    /// are the same as one line per unit: the document's string_agg runs over (unit, version) rows in (ordinal,
    /// address, version_no) order, and each row's separator says where it sits: a unit's first version (or a unit
    /// without versions) starts a new line with the unit's columns after '\n'; a later version follows ',' on the same
    /// line. <c>address</c> (unique in a document) only breaks ties between equal ordinals, so two such units' versions
    /// never interleave. A document without units has no unit row (u.iu_id is null): it counts nothing and hashes ''.
    /// </summary>
    public const string FootprintQuery = """
        SELECT d.kb_id, d.code,
               count(u.iu_id) FILTER (WHERE coalesce(v.version_rank, 1) = 1) AS units,
               count(v.version_rank) AS versions,
               count(u.iu_id) FILTER (WHERE coalesce(v.version_rank, 1) = 1 AND u.lifecycle_state = 'enacted') AS enacted_units,
               encode(sha256(convert_to(coalesce(string_agg(
                   CASE WHEN coalesce(v.version_rank, 1) = 1
                        THEN u.address || E'\t' || u.ordinal || E'\t' || u.kind || E'\t' || u.lifecycle_state || E'\t' || coalesce(v.version_no || ':' || v.content_sha256, '')
                        ELSE v.version_no || ':' || v.content_sha256 END,
                   CASE WHEN coalesce(v.version_rank, 1) = 1 THEN E'\n' ELSE ',' END
                   ORDER BY u.ordinal, u.address, v.version_no), ''), 'UTF8')), 'hex') AS content_sha256
        FROM cutter_core.document d
        LEFT JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        LEFT JOIN (
            SELECT iu_id, version_no, content_sha256, row_number() OVER (PARTITION BY iu_id ORDER BY version_no) AS version_rank
            FROM cutter_core.unit_version
        ) v ON v.iu_id = u.iu_id
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
