using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>Migrations 0007 and 0008: tagged hashes are accepted beside bare ones; stored content hashes gain their form without any row being rewritten.</summary>
[Collection(StoreCollection.Name)]
public sealed class HashFormMigrationTests(PostgresFixture postgres)
{
    // Each stored version with what proves it untouched: its hash, and xmin (the transaction that last wrote the row
    // version; an UPDATE, even one a trigger let through, would give the row a new xmin and a new ctid).
    private const string VersionRows = """
        SELECT string_agg(uv_id || '|' || content_sha256 || '|' || xmin::text || '|' || ctid::text, E'\n' ORDER BY uv_id)
        FROM cutter_core.unit_version
        """;

    private const string FileNode = "SELECT pg_relation_filenode('cutter_core.unit_version')::text";

    [Fact]
    public async Task A_store_migrated_from_0007_keeps_every_content_hash_and_row_and_reads_them_as_content_v1()
    {
        var database = await postgres.Server.Server.CreateDatabaseAsync();
        try
        {
            var owner = postgres.Server.Server.ConnectionStringFor(database);
            foreach (var prefix in new[] { "0001_", "0002_", "0003_", "0004_", "0005_", "0006_", "0007_" }) await Sql.ExecAsync(owner, MigrationScripts.Text(prefix));
            await Sql.ExecAsync(owner, StoreSeedSql.DocumentWithEnactedAndDraftUnitsBefore0009);
            var rowsBefore = await Sql.ScalarAsync<string>(owner, VersionRows);
            var fileBefore = await Sql.ScalarAsync<string>(owner, FileNode);
            Assert.Equal(2, rowsBefore.Split('\n').Length);

            await Sql.ExecAsync(owner, MigrationScripts.Text("0008_"));

            Assert.Equal(rowsBefore, await Sql.ScalarAsync<string>(owner, VersionRows));
            Assert.Equal(fileBefore, await Sql.ScalarAsync<string>(owner, FileNode));
            Assert.Equal(
                $"1|{new string('b', 64)}|sha256:content-v1\n2|{new string('c', 64)}|sha256:content-v1",
                await Sql.ScalarAsync<string>(owner, "SELECT string_agg(uv_id || '|' || content_sha256 || '|' || content_hash_form, E'\\n' ORDER BY uv_id) FROM cutter_core.unit_version"));
            // The enacted unit's version is still guarded: the new column does not open a way around 0004.
            var error = await Sql.FailsAsync(owner, "UPDATE cutter_core.unit_version SET content_hash_form = 'sha256:content-v2' WHERE uv_id = 1");
            Assert.Equal("CT002", error.SqlState);
        }
        finally
        {
            await postgres.Server.Server.DropDatabaseAsync(database);
        }
    }

    [Theory]
    [InlineData("sha256:content-v1", true)]
    [InlineData("sha256:content-v12", true)]
    [InlineData("sha256:payload-v1", false)]
    [InlineData("content-v1", false)]
    [InlineData("sha256:content-v", false)]
    public Task Content_hash_form_must_name_a_sha256_content_form(string form, bool accepted) =>
        InsertPassesCheckAsync("unit_version_content_hash_form_check", accepted, $"""
            INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, content_hash_form, run_id, heading)
            VALUES (3, 2, 2, 'two again', repeat('e', 64), '{form}', '{StoreSeedSql.RunId}', '')
            """);

    [Theory]
    [InlineData("", true)]
    [InlineData("sha256:payload-v1:", true)]
    [InlineData("sha256:payload-v2:", true)]
    [InlineData("sha256:amendment-v1:", true)]
    [InlineData("sha256:enacted-v1:", false)]
    [InlineData("sha256:content-v1:", false)]
    [InlineData("payload-v1:", false)]
    public Task The_run_payload_sha_is_bare_hex_or_tagged_as_a_payload_or_amendment_hash(string tag, bool accepted) =>
        InsertPassesCheckAsync("run_payload_sha_check", accepted, $"""
            INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
            SELECT '{Guid.NewGuid()}', document_id, 'live', 'tester', '{tag}' || repeat('d', 64), 2, 'running', now(), now() FROM cutter_core.document
            """);

    [Theory]
    [InlineData("", true)]
    [InlineData("sha256:footprint-v1:", true)]
    [InlineData("sha256:footprint-v2:", true)]
    [InlineData("sha256:payload-v1:", false)]
    [InlineData("sha256:footprint-v2", false)]
    public Task A_revert_authorization_state_sha_is_bare_hex_or_tagged_as_a_footprint_hash(string tag, bool accepted) =>
        InsertPassesCheckAsync("revert_authorization_state_sha_check", accepted, $"""
            INSERT INTO cutter_governance.revert_authorization
                (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at)
            VALUES ('{Guid.NewGuid()}', '{StoreSeedSql.RunId}', 'revert', '{tag}' || repeat('f', 64), '{StoreSeedSql.RunId}', now(), now())
            """);

    /// <summary>On a seeded store, the insert writes one row, or is refused by exactly <paramref name="constraint"/>.</summary>
    private async Task InsertPassesCheckAsync(string constraint, bool accepted, string insert)
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        if (accepted) Assert.Equal(1, await Sql.ExecAsync(store.OwnerConnectionString, insert));
        else Assert.Equal(constraint, (await Sql.FailsAsync(store.OwnerConnectionString, insert)).ConstraintName);
    }
}
