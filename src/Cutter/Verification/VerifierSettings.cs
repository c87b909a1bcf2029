namespace Cutter.Verification;

/// <summary>
/// What verification compares against beyond the grant matrix: the schema pin (<c>orchestrator.expected_schema_sha</c>)
/// and the path of the reviewed listing it was made from (<c>orchestrator.expected_schema_listing</c>, optional; it lets
/// a mismatch name the objects that differ), and the allowed_signers file the run's earlier verification reports must
/// verify against (<c>orchestrator.allowed_signers_file</c>).
/// </summary>
internal sealed record VerifierSettings(string SchemaSha, string SchemaListingPath, string AllowedSignersFile)
{
    public static VerifierSettings None { get; } = new("", "", "");

    public static VerifierSettings From(Configuration.OrchestratorSettings settings) =>
        new(settings.ExpectedSchemaSha, settings.ExpectedSchemaListing, settings.AllowedSignersFile);
}
