using Cutter.Domain;
using Cutter.Domain.Checks;

namespace Cutter.Orchestration.Prechecks;

/// <summary>
/// Runs an ordered list of prechecks, every one of them (a failure never hides the next check's verdict), applies the
/// configured waivers (<c>orchestrator.precheck_waivers</c>) and returns the report. A check that throws is a failed
/// line naming what went wrong; only cancellation stops the suite.
/// </summary>
internal sealed class PrecheckSuite
{
    public PrecheckSuite(IEnumerable<IPrecheck> checks)
    {
        Checks = checks.ToArray();
        var duplicate = Checks.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two prechecks are named '{duplicate.Key}'", nameof(checks));
    }

    public IReadOnlyList<IPrecheck> Checks { get; }

    /// <summary>
    /// The standard list, in the order of the report's precheck list: host, install paths and previous release, test
    /// baseline, drift, grant matrix, backup key, execution authorization, secret scan. The last three take their
    /// engines from the governance and scanning code: the keyring lookup, the authorization inspection (null: deferred
    /// to phase 6) and the scanner.
    /// </summary>
    public static PrecheckSuite Default(
        Func<string, CancellationToken, Task<bool>> backupKeyExists,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<string>>> scan,
        Func<PrecheckContext, CancellationToken, Task<AuthorizationFinding?>>? inspectAuthorization = null) => new(
        [
            new HostIdentityCheck(),
            new InstallPathsCheck(),
            new TestBaselineCheck(),
            new DriftCheck(),
            new PreRunGrantMatrixCheck(),
            new PreRunSchemaPinCheck(),
            new BackupKeyCheck(backupKeyExists),
            new ExecutionAuthorizationCheck(inspectAuthorization),
            new SecretScanCheck(scan),
        ]);

    /// <exception cref="InvalidInputException">A waiver names no check of this suite, or gives no reason.</exception>
    public async Task<PrecheckReport> RunAsync(PrecheckContext context, CancellationToken cancellationToken)
    {
        var waivers = ValidateWaivers(context.Settings.PrecheckWaivers);
        var results = new List<PrecheckResult>(Checks.Count);
        foreach (var check in Checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (waivers.TryGetValue(check.Name, out var reason))
            {
                results.Add(PrecheckResult.Waive(check.Name, reason));
                continue;
            }
            results.Add(await RunOneAsync(check, context, cancellationToken));
        }
        return new PrecheckReport(results);
    }

    private static async Task<PrecheckResult> RunOneAsync(IPrecheck check, PrecheckContext context, CancellationToken cancellationToken)
    {
        // Any error is a failed line (store unreachable, variable unset): the other checks must still run.
        var result = await CheckRun.RunAsync(check, context, _ => true,
            ex => PrecheckResult.Fail(check.Name, $"could not run: {ex.Message}"), cancellationToken);
        return result.Name == check.Name ? result : result with { Name = check.Name };
    }

    private Dictionary<string, string> ValidateWaivers(IReadOnlyDictionary<string, string> waivers)
    {
        var known = Checks.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, reason) in waivers)
        {
            if (!known.Contains(name))
            {
                throw new InvalidInputException("orchestrator.precheck_waivers", $"'{name}' is not a precheck (known: {string.Join(", ", Checks.Select(c => c.Name))})");
            }
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new InvalidInputException($"orchestrator.precheck_waivers.{name}", "a waiver must give its reason");
            }
        }
        return waivers.ToDictionary(w => w.Key, w => w.Value.Trim(), StringComparer.Ordinal);
    }
}
