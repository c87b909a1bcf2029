namespace Cutter.Verification;

/// <summary>
/// The schema pin verification compares against: the sha (<c>orchestrator.expected_schema_sha</c>) and the path of the
/// reviewed listing it was made from (<c>orchestrator.expected_schema_listing</c>, optional), which lets a mismatch
/// name the objects that differ instead of only two shas.
/// </summary>
internal sealed record SchemaPinSettings(string Sha, string ListingPath)
{
    public static SchemaPinSettings None { get; } = new("", "");

    public static SchemaPinSettings From(Configuration.OrchestratorSettings settings) => new(settings.ExpectedSchemaSha, settings.ExpectedSchemaListing);
}
