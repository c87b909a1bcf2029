using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Store.Scan;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// Verification now reads the content tables once and hashes in C# (<see cref="StoreScan"/>) instead of trusting the
/// in-server survey and <c>cutter_core.content_hash</c>. Footprints recorded by the in-server survey (pre-run snapshots,
/// restore proofs) are compared with ones recomputed in C#, so both must give byte-identical footprints in every form,
/// and the same re-hash findings, on a store with the shapes that make them differ if either is wrong.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class StoreScanEquivalenceTests(PostgresFixture postgres)
{
    // Headings with accents, an astral character (two UTF-16 units, one PostgreSQL character) and an embedded tab; a
    // text edited under its sha; and a version in a form no Cutter knows.
    private static readonly string Extra = $"""
        {StoreSeedSql.RaiseFlag}
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-7006', 'DOC-E', 'Headings');
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, heading, lifecycle_state, run_id)
            SELECT 5000 + n, d.document_id, 'h-' || n, n, 'article',
                   CASE n % 3 WHEN 0 THEN 'Điều ' || n || ' 𝔄𝔅' WHEN 1 THEN E'tab\there ' || n ELSE '' END, 'enacted', '{StoreSeedSql.RunId}'
            FROM generate_series(1, 30) n, cutter_core.document d WHERE d.code = 'DOC-E';
        INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, content_hash_form, run_id)
            SELECT 5000 + n, 1, 'e ' || n || ' ☃',
                   CASE WHEN n = 7 THEN encode(sha256(convert_to('not the text', 'UTF8')), 'hex') ELSE encode(sha256(convert_to('e ' || n || ' ☃', 'UTF8')), 'hex') END,
                   CASE WHEN n = 9 THEN 'sha256:content-v9' ELSE 'sha256:content-v1' END, '{StoreSeedSql.RunId}'
            FROM generate_series(1, 30) n;
        ANALYZE;
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Scan_footprints_equal_the_in_server_survey_in_each_form(int version)
    {
        var form = version == 1 ? HashForms.FootprintV1 : HashForms.FootprintV2;
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, DocumentSurveyEquivalenceTests.RealisticStore + Extra);

        var inServer = await DocumentSurvey.ReadAsync(store.VerifyConnectionString, form);
        var scan = await StoreScanReader.ReadAsync(store.VerifyConnectionString);
        var inClient = scan.Footprints(form);

        Assert.Equal(inServer.OrderBy(f => f.KbId, StringComparer.Ordinal), inClient.OrderBy(f => f.KbId, StringComparer.Ordinal));
        Assert.Equal(6, inClient.Count);
        Assert.Equal((30L, 30L, 30L), inClient.Where(f => f.Code == "DOC-E").Select(f => (f.Units, f.Versions, f.EnactedUnits)).Single());
    }

    [Fact]
    public async Task Scan_rehash_finds_what_the_in_server_rehash_finds()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, DocumentSurveyEquivalenceTests.RealisticStore + Extra);

        await using var connection = new NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();
        var inServer = await VerificationReads.ReadRehashMismatchesAsync(connection, CancellationToken.None);
        var inClient = (await StoreScanReader.ReadAsync(connection)).Rehash();

        // The in-server rehash lists only documents with versions; the scan lists every document.
        foreach (var (kbId, expected) in inServer)
        {
            Assert.Equal((expected.Mismatches, expected.UnknownForms.Versions, string.Join(",", expected.UnknownForms.Forms)),
                (inClient[kbId].Mismatches, inClient[kbId].UnknownForms.Versions, string.Join(",", inClient[kbId].UnknownForms.Forms)));
        }
        Assert.Equal(1, inClient["KB-7006"].Mismatches);
        Assert.Equal(["sha256:content-v9"], inClient["KB-7006"].UnknownForms.Forms);
        Assert.All(inClient.Where(p => p.Key != "KB-7006"), p => Assert.Equal(0, p.Value.Mismatches + p.Value.UnknownForms.Versions));
    }

    [Fact]
    public async Task Scan_does_not_trust_a_replaced_content_hash_function()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, DocumentSurveyEquivalenceTests.RealisticStore + Extra);
        // The owner makes the server's re-hash agree with every stored sha.
        await Sql.ExecAsync(store.OwnerConnectionString, """
            CREATE OR REPLACE FUNCTION cutter_core.content_hash(form text, content text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT v.content_sha256 FROM cutter_core.unit_version v WHERE v.content = $2 LIMIT 1 $$
            """);

        await using var connection = new NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();
        var inServer = await VerificationReads.ReadRehashMismatchesAsync(connection, CancellationToken.None);
        var inClient = (await StoreScanReader.ReadAsync(connection)).Rehash();

        Assert.Equal(0, inServer["KB-7006"].Mismatches);
        Assert.Equal(1, inClient["KB-7006"].Mismatches);
    }
}
