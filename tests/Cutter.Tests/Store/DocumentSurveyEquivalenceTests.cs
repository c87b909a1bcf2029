using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// The survey's hash is pinned in state files and restore proofs, so its rewrite (versions joined once instead of
/// probed per unit) must give byte-identical footprints. This compares it with the query it replaced, kept here
/// verbatim, on a store with the shapes that make the two differ if the rewrite is wrong: several versions per unit,
/// inserted out of order and with gaps in version_no, units without versions, units inserted out of ordinal order,
/// non-ASCII addresses, draft and enacted units, and documents without units.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class DocumentSurveyEquivalenceTests(PostgresFixture postgres)
{
    private const string LateralPerUnitQuery = """
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

    internal const string RealisticStore = $"""
        {StoreSeedSql.RaiseFlag}
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES
            ('KB-7001', 'DOC-A', 'One version per unit'), ('KB-7002', 'DOC-B', 'Several versions, gaps, no versions'),
            ('KB-7003', 'DOC-C', 'Empty'), ('KB-7004', 'DOC-D', 'Unicode, reverse order'), ('KB-7005', 'AAA-EMPTY', 'Empty, sorts first');
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT n, d.document_id, 'ch-' || (n / 50 + 1) || '/art-' || n, n, 'article', 'enacted', '{StoreSeedSql.RunId}'
            FROM generate_series(1, 200) n, cutter_core.document d WHERE d.code = 'DOC-A';
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT 1000 + n, d.document_id, 'sec-' || n, n, CASE WHEN n % 5 = 0 THEN 'section' ELSE 'article' END,
                   CASE WHEN n % 2 = 0 THEN 'enacted' ELSE 'draft' END, '{StoreSeedSql.RunId}'
            FROM generate_series(1, 150) n, cutter_core.document d WHERE d.code = 'DOC-B';
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT 3000 - n, d.document_id, '§ ' || n || ' Ärtikel «' || n || '»', n, 'paragraph', 'draft', '{StoreSeedSql.RunId}'
            FROM generate_series(40, 1, -1) n, cutter_core.document d WHERE d.code = 'DOC-D';
        INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id)
            SELECT n, 1, 'text ' || n, encode(sha256(convert_to('text ' || n, 'UTF8')), 'hex'), '{StoreSeedSql.RunId}'
            FROM generate_series(1, 200) n;
        -- DOC-B: every 11th unit has no version; every other 7th has versions 5, 2, 1 (inserted in that order); the rest one.
        INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id)
            SELECT 1000 + n, v, 'b ' || n || ' v' || v, encode(sha256(convert_to('b ' || n || ' v' || v, 'UTF8')), 'hex'), '{StoreSeedSql.RunId}'
            FROM generate_series(1, 150) n, unnest(ARRAY[5, 2, 1]) v
            WHERE n % 11 <> 0 AND (n % 7 = 0 OR v = 1);
        -- DOC-D: the units' only version is version 2 for odd ordinals, versions 3 then 1 for the others.
        INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id)
            SELECT 3000 - n, v, 'd ' || n || ' v' || v, encode(sha256(convert_to('d ' || n || ' v' || v, 'UTF8')), 'hex'), '{StoreSeedSql.RunId}'
            FROM generate_series(1, 40) n, unnest(ARRAY[3, 1, 2]) v
            WHERE (n % 2 = 1 AND v = 2) OR (n % 2 = 0 AND v <> 2);
        ANALYZE;
        """;

    [Fact]
    public async Task Survey_gives_the_same_footprints_as_the_per_unit_lateral_query_it_replaced()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, RealisticStore);

        var survey = await DocumentSurvey.ReadAsync(store.VerifyConnectionString, HashForms.FootprintV1);
        var lateral = await ReadWithAsync(store.VerifyConnectionString, LateralPerUnitQuery);

        Assert.Equal(lateral, survey);
        Assert.Equal(
            [("AAA-EMPTY", 0L, 0L, 0L), ("DOC-A", 200L, 200L, 200L), ("DOC-B", 150L, 177L, 75L), ("DOC-C", 0L, 0L, 0L), ("DOC-D", 40L, 60L, 0L)],
            survey.Select(f => (f.Code, f.Units, f.Versions, f.EnactedUnits)));
        var emptyHash = VersionedHash.Of(HashForms.FootprintV1, "");
        Assert.Equal([emptyHash, emptyHash], survey.Where(f => f.Units == 0).Select(f => f.ContentHash));
        Assert.Equal(3, survey.Where(f => f.Units > 0).Select(f => f.ContentHash).Distinct().Count(h => h != emptyHash));
    }

    [Fact]
    public async Task Survey_hash_of_a_unit_with_several_versions_lists_them_in_version_order_on_one_line()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, RealisticStore);

        var docD = (await DocumentSurvey.ReadAsync(store.VerifyConnectionString, HashForms.FootprintV1)).Single(f => f.Code == "DOC-D");

        var lines = Enumerable.Range(1, 40).Select(n =>
            $"§ {n} Ärtikel «{n}»\t{n}\tparagraph\tdraft\t" + string.Join(',', (n % 2 == 1 ? new[] { 2 } : [1, 3]).Select(v => $"{v}:{Sha256Hex.Of($"d {n} v{v}").Value}")));
        Assert.Equal(VersionedHash.Of(HashForms.FootprintV1, string.Join('\n', lines)), docD.ContentHash);
    }

    private static async Task<IReadOnlyList<DocumentFootprint>> ReadWithAsync(string connectionString, string query)
    {
        var result = new List<DocumentFootprint>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new DocumentFootprint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), VersionedHash.FromHex(HashForms.FootprintV1, reader.GetString(5))));
        }
        return result;
    }
}
