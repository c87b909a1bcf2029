using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(StoreCollection.Name)]
public sealed class DocumentSurveyTests(PostgresFixture postgres)
{
    private static readonly string Art1Version = "1:" + new string('b', 64);
    private static readonly string Art2Version = "1:" + new string('c', 64);

    [Fact]
    public async Task Survey_counts_units_and_versions_and_hashes_content_in_the_server_in_the_current_form()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var footprint = Assert.Single(await DocumentSurvey.ReadAsync(store.VerifyConnectionString));

        Assert.Equal(new DocumentFootprint("KB-9001", "TEST-DOC", 2, 2, 1, footprint.ContentHash), footprint);
        // footprint-v2: the length-prefixed heading (empty here) follows the state.
        var expected = VersionedHash.Of(HashForms.FootprintV2,
            $"art-1\t1\tarticle\tenacted\t0:\t{Art1Version}\n" +
            $"art-2\t2\tarticle\tdraft\t0:\t{Art2Version}");
        Assert.Equal(expected, footprint.ContentHash);
        Assert.Equal(HashForms.Footprint, footprint.ContentHash.Form);
    }

    [Fact]
    public async Task Survey_in_footprint_v1_hashes_exactly_what_v1_always_hashed()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var footprint = Assert.Single(await DocumentSurvey.ReadAsync(store.VerifyConnectionString, HashForms.FootprintV1));

        var expected = VersionedHash.Of(HashForms.FootprintV1, $"art-1\t1\tarticle\tenacted\t{Art1Version}\nart-2\t2\tarticle\tdraft\t{Art2Version}");
        Assert.Equal(expected, footprint.ContentHash);
        Assert.Equal($"sha256:footprint-v1:{expected.Hex}", footprint.ContentHash.ToString());
    }

    [Fact]
    public async Task A_changed_heading_moves_footprint_v2_but_not_v1()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        var v1Before = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString, HashForms.FootprintV1));
        var v2Before = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString, HashForms.FootprintV2));

        await Sql.ExecAsync(store.OwnerConnectionString, """
            ALTER TABLE cutter_core.information_unit DISABLE TRIGGER USER;
            UPDATE cutter_core.information_unit SET heading = 'Article 2. Renamed' WHERE iu_id = 2;
            ALTER TABLE cutter_core.information_unit ENABLE TRIGGER USER;
            """);
        var v1After = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString, HashForms.FootprintV1));
        var v2After = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString, HashForms.FootprintV2));

        Assert.Equal(v1Before, v1After);
        Assert.NotEqual(v2Before.ContentHash, v2After.ContentHash);
        Assert.Equal(VersionedHash.Of(HashForms.FootprintV2,
            $"art-1\t1\tarticle\tenacted\t0:\t{Art1Version}\nart-2\t2\tarticle\tdraft\t18:Article 2. Renamed\t{Art2Version}"), v2After.ContentHash);
    }

    [Fact]
    public async Task Survey_hash_changes_when_one_version_hash_changes()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        var before = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString));

        await Sql.ExecAsync(store.OwnerConnectionString, "UPDATE cutter_governance.execution_flag SET enabled = true; DELETE FROM cutter_core.unit_version WHERE uv_id = 2; INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id) SELECT 2, 1, 'two', repeat('d', 64), run_id FROM cutter_core.information_unit WHERE iu_id = 2");
        var after = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString));

        Assert.NotEqual(before.ContentHash, after.ContentHash);
        Assert.Equal(before.Units, after.Units);
    }

    [Fact]
    public async Task A_footprint_form_this_Cutter_does_not_compute_is_refused_by_name()
    {
        await using var store = await postgres.NewStoreAsync();
        await using var connection = new Npgsql.NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();

        var error = await Assert.ThrowsAsync<Cutter.Domain.InvalidInputException>(() => DocumentSurvey.ReadAsync(connection, HashForm.Of("sha256", "footprint", 9)));

        Assert.Equal("recorded footprint: it was made in sha256:footprint-v9, which this Cutter does not compute (it knows sha256:footprint-v1, sha256:footprint-v2); use the Cutter release that recorded it", error.Message);
    }
}
