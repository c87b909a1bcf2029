using Cutter.Store;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(PostgresCollection.Name)]
public sealed class DocumentSurveyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Survey_counts_units_and_versions_and_hashes_content_in_the_server()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var footprint = Assert.Single(await DocumentSurvey.ReadAsync(store.VerifyConnectionString));

        Assert.Equal(new DocumentFootprint("KB-9001", "TEST-DOC", 2, 2, 1, footprint.ContentSha256), footprint);
        var expected = Cutter.Domain.Sha256Hex.Of(
            "art-1\t1\tarticle\tenacted\t1:" + new string('b', 64) + "\n" +
            "art-2\t2\tarticle\tdraft\t1:" + new string('c', 64)).Value;
        Assert.Equal(expected, footprint.ContentSha256);
    }

    [Fact]
    public async Task Survey_hash_changes_when_one_version_hash_changes()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        var before = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString));

        await Sql.ExecAsync(store.OwnerConnectionString, "UPDATE cutter_governance.execution_flag SET enabled = true; DELETE FROM cutter_core.unit_version WHERE uv_id = 2; INSERT INTO cutter_core.unit_version (iu_id, version_no, content, content_sha256, run_id) SELECT 2, 1, 'two', repeat('d', 64), run_id FROM cutter_core.information_unit WHERE iu_id = 2");
        var after = Assert.Single(await DocumentSurvey.ReadAsync(store.OwnerConnectionString));

        Assert.NotEqual(before.ContentSha256, after.ContentSha256);
        Assert.Equal(before.Units, after.Units);
    }
}
