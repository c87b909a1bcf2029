using Cutter.Domain.Hashing;
using Npgsql;

namespace Cutter.Store;

/// <summary>One document's footprint in the store: unit and version counts and a content hash, all computed in the server.</summary>
public sealed record DocumentFootprint(string KbId, string Code, long Units, long Versions, long EnactedUnits, VersionedHash ContentHash);

/// <summary>
/// Surveys every document in the store. The content hash is SHA-256 over, in ordinal order, one line per unit,
/// joined with '\n', in one of two forms (docs/hashes.md):
/// <list type="bullet">
/// <item><c>sha256:footprint-v1</c>: <c>address \t ordinal \t kind \t lifecycle_state \t version_no:content_sha256,...</c></item>
/// <item><c>sha256:footprint-v2</c> (made now): <c>address \t ordinal \t kind \t lifecycle_state \t
/// len(heading):heading \t version_no:content_sha256,...</c>, so a changed heading changes the hash too.</item>
/// </list>
/// It is computed by the server so no row leaves it; the same SQL serves drift checks, pre-run snapshots, restore
/// proofs and post-run verification. A recorded footprint is always compared with one read in its own form.
/// </summary>
internal static class DocumentSurvey
{
    /// <summary>
    /// The versions are read once, in (iu_id, version_no) order, and numbered per unit, then merge-joined to the units:
    /// a probe of unit_version per unit (a LATERAL subquery) cost 7x a sequential read of the tables. The bytes hashed
    /// are the same as one line per unit: the document's string_agg runs over (unit, version) rows in (ordinal,
    /// address, version_no) order, and each row's separator says where it sits: a unit's first version (or a unit
    /// without versions) starts a new line with the unit's columns after '\n'; a later version follows ',' on the same
    /// line. <c>address</c> only breaks ties between equal ordinals, and <c>iu_id</c> between a retired unit and the unit
    /// that took its address in an amendment (0011: an address is unique among a document's enacted units only), so two
    /// units' versions never interleave; where addresses are unique, as in every store before 0011, the order and the
    /// bytes hashed are what they were. A document without units has no unit row (u.iu_id is null): it counts nothing and hashes ''.
    /// {0} is the unit's columns of the form, each followed by a tab.
    /// </summary>
    private const string FootprintQueryTemplate = """
        SELECT d.kb_id, d.code,
               count(u.iu_id) FILTER (WHERE coalesce(v.version_rank, 1) = 1) AS units,
               count(v.version_rank) AS versions,
               count(u.iu_id) FILTER (WHERE coalesce(v.version_rank, 1) = 1 AND u.lifecycle_state = 'enacted') AS enacted_units,
               encode(sha256(convert_to(coalesce(string_agg(
                   CASE WHEN coalesce(v.version_rank, 1) = 1
                        THEN {0} || coalesce(v.version_no || ':' || v.content_sha256, '')
                        ELSE v.version_no || ':' || v.content_sha256 END,
                   CASE WHEN coalesce(v.version_rank, 1) = 1 THEN E'\n' ELSE ',' END
                   ORDER BY u.ordinal, u.address, u.iu_id, v.version_no), ''), 'UTF8')), 'hex') AS content_sha256
        FROM cutter_core.document d
        LEFT JOIN cutter_core.information_unit u ON u.document_id = d.document_id
        LEFT JOIN (
            SELECT iu_id, version_no, content_sha256, row_number() OVER (PARTITION BY iu_id ORDER BY version_no) AS version_rank
            FROM cutter_core.unit_version
        ) v ON v.iu_id = u.iu_id
        GROUP BY d.kb_id, d.code
        ORDER BY d.code
        """;

    private const string UnitColumnsV1 = @"u.address || E'\t' || u.ordinal || E'\t' || u.kind || E'\t' || u.lifecycle_state || E'\t'";

    // The heading is free text, so it goes length-prefixed: no heading can pass for a separator. No surrogate id
    // (iu_id, parent_iu_id) enters a footprint: the same rows written under other ids must hash the same, and the
    // address already names the unit's place in the tree.
    private const string UnitColumnsV2 = UnitColumnsV1 + @" || length(u.heading) || ':' || u.heading || E'\t'";

    /// <summary>The survey query of each footprint form this Cutter can compute.</summary>
    public static IReadOnlyDictionary<HashForm, string> QueryByForm { get; } = new Dictionary<HashForm, string>
    {
        [HashForms.FootprintV1] = FootprintQueryTemplate.Replace("{0}", UnitColumnsV1, StringComparison.Ordinal),
        [HashForms.FootprintV2] = FootprintQueryTemplate.Replace("{0}", UnitColumnsV2, StringComparison.Ordinal),
    };

    /// <summary>The query of the form made now.</summary>
    public static string FootprintQuery => QueryByForm[HashForms.Footprint];

    /// <summary>The one form <paramref name="recorded"/> footprints were made in (the current form when there are none).</summary>
    public static HashForm FormOf(IEnumerable<VersionedHash> recorded, string what)
    {
        var forms = recorded.Select(h => h.Form).Distinct().ToArray();
        return forms.Length switch
        {
            0 => HashForms.Footprint,
            1 => forms[0],
            _ => throw new HashFormMismatchException(what, forms[0], forms[1]),
        };
    }

    /// <summary>Every document's footprint in the current form.</summary>
    public static Task<IReadOnlyList<DocumentFootprint>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default, NpgsqlTransaction? transaction = null) =>
        ReadAsync(connection, HashForms.Footprint, cancellationToken, transaction);

    /// <summary>Every document's footprint in <paramref name="form"/>, to compare with footprints recorded in it.</summary>
    public static async Task<IReadOnlyList<DocumentFootprint>> ReadAsync(NpgsqlConnection connection, HashForm form, CancellationToken cancellationToken = default, NpgsqlTransaction? transaction = null)
    {
        if (!QueryByForm.TryGetValue(form, out var query))
        {
            throw new Domain.InvalidInputException("recorded footprint", $"it was made in {form.Tag}, which this Cutter does not compute (it knows {string.Join(", ", QueryByForm.Keys.Select(f => f.Tag))}); use the Cutter release that recorded it");
        }
        var result = new List<DocumentFootprint>();
        await using var command = new NpgsqlCommand(query, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DocumentFootprint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                VersionedHash.FromHex(form, reader.GetString(5), "footprint")));
        }
        return result;
    }

    public static async Task<IReadOnlyList<DocumentFootprint>> ReadAsync(string connectionString, CancellationToken cancellationToken = default) =>
        await ReadAsync(connectionString, HashForms.Footprint, cancellationToken);

    public static async Task<IReadOnlyList<DocumentFootprint>> ReadAsync(string connectionString, HashForm form, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, form, cancellationToken);
    }
}
