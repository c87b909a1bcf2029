using System.Security.Cryptography;
using System.Text;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Store.Scan;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// The scan parses the raw binary COPY and hashes version texts a window of <see cref="VersionDigestWindow.WindowTexts"/>
/// at a time, eight side by side. Its edges: windows that end mid-document, a last partial window, empty texts, texts
/// over the lanes' block limit, a row larger than the COPY buffer, and stored shas that are not lower-case hex (the
/// scan keeps digests as bytes and such a sha as text). Every digest is compared with the platform's SHA-256 of the
/// text, and tampered rows on each edge must be found, as the in-server re-hash finds them.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class StoreScanWindowTests(PostgresFixture postgres)
{
    private const int Units = 2 * VersionDigestWindow.WindowTexts + 452;

    // Rows whose text does not hash to their stored sha: last of the first window, first of the second, an empty text,
    // a text over the lane limit, the row larger than the COPY buffer, the last row (in the final partial window), and
    // two stored shas a tamperer wrote past the dropped CHECK: the right digest in upper case, and not hex at all.
    private static readonly int[] Tampered = [1024, 1025, 1030, 1057, 2000, Units, 3, 4];

    private static string TextOf(int n) => n switch
    {
        2000 => new string('x', 300_000),
        _ when n % 5 == 0 => "",
        _ when n % 7 == 0 => string.Concat(Enumerable.Repeat("Điều ü ", 120)) + n,
        _ => $"v {n} ☃",
    };

    private static string Store()
    {
        var sql = new StringBuilder($"""
            {StoreSeedSql.RaiseFlag}
            DO $$ DECLARE c text; BEGIN
                SELECT conname INTO c FROM pg_constraint
                WHERE conrelid = 'cutter_core.unit_version'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%content_sha256%';
                EXECUTE format('ALTER TABLE cutter_core.unit_version DROP CONSTRAINT %I', c);
            END $$;
            INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-7101', 'WIN-A', 'Windows'), ('KB-7102', 'WIN-B', 'Windows');
            INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, heading, lifecycle_state, run_id)
                SELECT n, d.document_id, 'w-' || n, n, 'article', 'Heading ' || n, 'enacted', '{StoreSeedSql.RunId}'
                FROM generate_series(1, {Units}) n
                JOIN cutter_core.document d ON d.code = CASE WHEN n <= 1500 THEN 'WIN-A' ELSE 'WIN-B' END;
            INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id) VALUES

            """);
        for (var n = 1; n <= Units; n++)
        {
            var text = TextOf(n);
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            sha = n switch
            {
                3 => sha.ToUpperInvariant(),
                4 => "not hex",
                _ when Tampered.Contains(n) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text + "!"))),
                _ => sha,
            };
            sql.Append($"({n}, 1, '{text}', '{sha}', '{StoreSeedSql.RunId}')").Append(n < Units ? ",\n" : ";\nANALYZE;\n");
        }
        return sql.ToString();
    }

    [Fact]
    public async Task Every_digest_is_the_platforms_and_every_tampered_row_is_found_on_each_window_edge()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, Store());

        await using var connection = new NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();
        var inServer = await VerificationReads.ReadRehashMismatchesAsync(connection, CancellationToken.None);
        var scan = await StoreScanReader.ReadAsync(connection);

        Assert.Equal(Units, scan.VersionCount);
        var mismatched = new List<int>();
        for (var n = 1; n <= Units; n++)
        {
            var version = Assert.Single(scan.VersionsOf(n).ToArray());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TextOf(n)))), version.RecomputedSha);
            if (version.Mismatched) mismatched.Add(n);
        }
        Assert.Equal(Tampered.Order(), mismatched);
        var rehash = scan.Rehash();
        Assert.Equal((6L, 2L), (rehash["KB-7101"].Mismatches, rehash["KB-7102"].Mismatches));
        Assert.Equal((inServer["KB-7101"].Mismatches, inServer["KB-7102"].Mismatches), (rehash["KB-7101"].Mismatches, rehash["KB-7102"].Mismatches));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Footprints_carry_each_stored_sha_as_stored(int version)
    {
        var form = version == 1 ? HashForms.FootprintV1 : HashForms.FootprintV2;
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, Store());

        var inServer = await DocumentSurvey.ReadAsync(store.VerifyConnectionString, form);
        var inClient = (await StoreScanReader.ReadAsync(store.VerifyConnectionString)).Footprints(form);

        Assert.Equal(inServer, inClient);
        Assert.Equal([(1500L, 1500L), (Units - 1500L, Units - 1500L)], inClient.Select(f => (f.Units, f.Versions)));
    }
}
