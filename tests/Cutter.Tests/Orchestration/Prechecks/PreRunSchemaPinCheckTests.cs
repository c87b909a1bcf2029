using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

/// <summary>The schema pin before a run: a fresh install's pin passes; a replaced function or a stray grant stops the run, named line by line.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PreRunSchemaPinCheckTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Task<PrecheckResult> RunAsync(string verifyConnectionString, string pin, string listing = "") =>
        new PreRunSchemaPinCheck().RunAsync(
            PrecheckContexts.For(new OrchestratorSettings { ExpectedSchemaSha = pin, ExpectedSchemaListing = listing }, verifyConnectionString: verifyConnectionString),
            CancellationToken.None);

    [Fact]
    public async Task Pin_of_a_fresh_install_passes_and_a_replaced_function_and_a_stray_grant_fail_by_name()
    {
        await using var store = await postgres.NewStoreAsync();
        SchemaSurface reviewed;
        await using (var owner = new NpgsqlConnection(store.OwnerConnectionString))
        {
            await owner.OpenAsync();
            reviewed = await SchemaSurface.ReadAsync(owner);
        }
        var listing = Path.Combine(_dir.Path, "schema-listing.txt");
        await File.WriteAllTextAsync(listing, reviewed.Canonical + "\n");

        var clean = await RunAsync(store.VerifyConnectionString, reviewed.Sha.ToString(), listing);
        Assert.Equal(PrecheckVerdict.Passed, clean.Verdict);
        Assert.Equal($"schema sha {reviewed.Sha} ({reviewed.Lines.Count} lines) matches the pin", clean.Reason);

        await Sql.ExecAsync(store.OwnerConnectionString, """
            CREATE OR REPLACE FUNCTION cutter_core.content_hash(form text, content text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' $$;
            GRANT SELECT ON cutter_governance.review_decision TO PUBLIC;
            """);
        var broken = await RunAsync(store.VerifyConnectionString, reviewed.Sha.ToString(), listing);

        Assert.Equal(PrecheckVerdict.Failed, broken.Verdict);
        Assert.Equal(StopCodes.SchemaMismatch, broken.StopCode);
        Assert.StartsWith($"schema surface differs from orchestrator.expected_schema_sha {reviewed.Sha}: found sha256:schema-v1:", broken.Reason, StringComparison.Ordinal);
        Assert.Equal(3, broken.Details.Count);
        Assert.Equal("+ grant|relation|cutter_governance.review_decision|PUBLIC|SELECT|grantable=false", broken.Details.Single(d => d.Contains("PUBLIC", StringComparison.Ordinal)));
        Assert.Equal(2, broken.Details.Count(d => d.Contains("function|cutter_core.content_hash(form text, content text)|", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_the_reviewed_listing_a_mismatch_says_how_to_name_the_objects()
    {
        await using var store = await postgres.NewStoreAsync();
        var pin = "sha256:schema-v1:" + new string('0', 64);

        var result = await RunAsync(store.VerifyConnectionString, pin);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.EndsWith("; set orchestrator.expected_schema_listing to the reviewed listing (`cutter db schema-pin --write`) to name the objects that differ", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Details);
    }
}
