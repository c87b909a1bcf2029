using Cutter.Rehearsal.Disposable;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Store.Writes;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// Stored unit text is re-hashed in the form each version names; a form that cannot be recomputed is reported as
/// such by the verification read and by phase 9's statement, never as a content mismatch.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class ContentRehashTests(PostgresFixture postgres)
{
    private const string Text = "Article 1. Größe\n\nThe body — one.";

    /// <summary>One document (KB-9101) with three draft units art-1..art-3 of run <see cref="StoreSeedSql.RunId"/>, each version hashed correctly in content-v1.</summary>
    private const string ThreeDraftUnits = $"""
        {StoreSeedSql.RaiseFlag}
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('KB-9101', 'FORM-DOC', 'Forms');
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT g, document_id, 'art-' || g, g, 'article', 'draft', '{StoreSeedSql.RunId}' FROM cutter_core.document, generate_series(1, 3) g;
        INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id)
            SELECT g, g, 1, 'text ' || g, encode(sha256(convert_to('text ' || g, 'UTF8')), 'hex'), '{StoreSeedSql.RunId}' FROM generate_series(1, 3) g;
        UPDATE cutter_governance.execution_flag SET enabled = false, changed_at = now();
        """;

    /// <summary>As the owner with the guards off: version 2 claims a form nobody knows, version 3's text is edited.</summary>
    private const string Tamper = """
        ALTER TABLE cutter_core.unit_version DISABLE TRIGGER USER;
        UPDATE cutter_core.unit_version SET content_hash_form = 'sha256:content-v9' WHERE uv_id = 2;
        UPDATE cutter_core.unit_version SET content = content || ' (altered)' WHERE uv_id = 3;
        ALTER TABLE cutter_core.unit_version ENABLE TRIGGER USER;
        """;

    [Fact]
    public async Task The_store_computes_every_content_form_this_build_knows_and_no_other()
    {
        await using var store = await postgres.NewStoreAsync();

        Assert.Equal(["sha256:content-v1"], ContentRehash.KnownForms);
        Assert.Equal(VersionedHash.Of(HashForms.ContentV1, Text).Hex,
            await Sql.ScalarAsync<string>(store.VerifyConnectionString, "SELECT cutter_core.content_hash('sha256:content-v1', @text)", ("text", Text)));
        Assert.True(await Sql.ScalarAsync<bool>(store.VerifyConnectionString,
            "SELECT cutter_core.content_hash('sha256:content-v9', @text) IS NULL AND cutter_core.content_hash('sha256:payload-v1', @text) IS NULL", ("text", Text)));
    }

    [Fact]
    public async Task The_verification_read_counts_an_unknown_form_apart_from_a_content_mismatch()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, ThreeDraftUnits);
        var clean = await ReadRehashAsync(store);
        Assert.Equal((0L, 0L), (clean.Mismatches, clean.UnknownForms.Versions));
        Assert.Empty(clean.UnknownForms.Forms);

        await Sql.ExecAsync(store.OwnerConnectionString, Tamper);
        var found = await ReadRehashAsync(store);

        Assert.Equal(1, found.Mismatches);
        Assert.Equal(1, found.UnknownForms.Versions);
        Assert.Equal(["sha256:content-v9"], found.UnknownForms.Forms);
        Assert.Equal("1 unit version(s) in a content hash form this Cutter does not know: sha256:content-v9", found.UnknownForms.Describe());
    }

    [Fact]
    public async Task Phase_9s_statement_counts_an_unknown_form_apart_from_a_bad_hash_and_refuses_the_sequence_hash()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, ThreeDraftUnits);
        var runId = RunId.Parse(StoreSeedSql.RunId);
        var sequence = string.Join('\n', Enumerable.Range(1, 3).Select(i => $"art-{i}\t{Sha256Hex.Of($"text {i}").Value}"));

        var clean = await ReadDraftInvariantsAsync(store, runId);
        Assert.Equal((3L, 3L, 0L, 0L, 0L, 0L, 0L), (clean.Units, clean.Versions, clean.NotDraft, clean.BadHashes, clean.UnitsWithoutVersion, clean.UnknownForms.Versions, clean.OtherFormVersions));
        Assert.Equal(Sha256Hex.Of(sequence).Value, clean.PlanHash);

        await Sql.ExecAsync(store.OwnerConnectionString, Tamper);
        var found = await ReadDraftInvariantsAsync(store, runId);

        Assert.Equal((3L, 3L, 0L, 1L, 0L, 1L, 0L), (found.Units, found.Versions, found.NotDraft, found.BadHashes, found.UnitsWithoutVersion, found.UnknownForms.Versions, found.OtherFormVersions));
        Assert.Equal(["sha256:content-v9"], found.UnknownForms.Forms);
        Assert.Null(found.PlanHash);
    }

    private static async Task<DocumentRehash> ReadRehashAsync(StoreDatabase store)
    {
        await using var connection = new NpgsqlConnection(store.VerifyConnectionString);
        await connection.OpenAsync();
        var all = await VerificationReads.ReadRehashMismatchesAsync(connection, CancellationToken.None);
        return Assert.Single(all, d => d.Key == "KB-9101").Value;
    }

    private static async Task<DraftInvariants> ReadDraftInvariantsAsync(StoreDatabase store, RunId runId)
    {
        await using var connection = new NpgsqlConnection(store.ExecConnectionString);
        await connection.OpenAsync();
        return await RunStore.ReadDraftInvariantsAsync(connection, null, runId, HashForms.Content, CancellationToken.None);
    }
}
