using Cutter.Domain;
using Cutter.Store;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Before a run (precheck <c>schema_pin</c>): the store's executable surface on the governed schemas
/// (<see cref="SchemaSurface"/>), read through the verify lane, hashes to <c>orchestrator.expected_schema_sha</c>. A
/// mismatch fails with <see cref="StopCodes.SchemaMismatch"/> and, when the reviewed listing is configured, names every
/// line (object) that differs. Its twin after the run is <see cref="Verification.Checks.SchemaPinCheck"/>.
/// </summary>
internal sealed class PreRunSchemaPinCheck : IPrecheck
{
    public const string CheckName = "schema_pin";

    public string Name => CheckName;

    public async Task<PrecheckResult> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(context.Settings.ExpectedSchemaSha))
        {
            return PrecheckResult.Fail(Name, $"{SchemaSurface.PinSetting} is not set");
        }
        SchemaSurface live;
        await using (var connection = await context.OpenVerifyConnection(cancellationToken))
        {
            live = await SchemaSurface.ReadAsync(connection, cancellationToken);
        }
        var comparison = SchemaPinComparison.Compare(live, context.Settings.ExpectedSchemaSha, context.Settings.ExpectedSchemaListing);
        return comparison.Matches
            ? PrecheckResult.Pass(Name, $"schema sha {comparison.Actual} matches the pin") with { Evidence = live }
            : PrecheckResult.Fail(Name, $"schema surface differs from {SchemaSurface.PinSetting} {comparison.Expected}: found {comparison.Actual}") with
            {
                StopCode = StopCodes.SchemaMismatch,
                Details = comparison.Differences,
                Evidence = live,
            };
    }
}
