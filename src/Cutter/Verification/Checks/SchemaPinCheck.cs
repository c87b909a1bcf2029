using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// The store's executable surface on the governed schemas (<see cref="SchemaSurface"/>: functions, triggers, policies,
/// rules, owners, grants to every role) still hashes to <c>orchestrator.expected_schema_sha</c>. On a mismatch it names
/// the lines that differ from the reviewed listing (<c>orchestrator.expected_schema_listing</c>) when one is configured
/// and hashes to the pin. Its twin before the run is <see cref="Orchestration.Prechecks.PreRunSchemaPinCheck"/>.
/// </summary>
internal sealed class SchemaPinCheck : IVerificationCheck
{
    public string Name => VerificationChecks.SchemaPin;
    public string Proves => "no function, trigger, policy, rule, owner or grant on the governed schemas was replaced or added since the pin was reviewed";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var live = await SchemaSurface.ReadAsync(context.VerifyConnection, cancellationToken);
        var verdict = SchemaPinComparison.Compare(live, context.Settings.SchemaSha, context.Settings.SchemaListingPath);
        return CheckResult.Of(Name, verdict.Expected, verdict.Actual, verdict.Matches);
    }
}
