using Cutter.Configuration;
using Cutter.Governance.Backup;
using Cutter.Store;

namespace Cutter.Orchestration.Prechecks;

/// <summary>The precheck suite with the real engines plugged in: the gpg keyring lookup and the secret scanner.</summary>
internal static class StandardPrechecks
{
    public static PrecheckSuite Create(OrchestratorSettings settings) =>
        PrecheckSuite.Default(
            async (fingerprint, ct) =>
            {
                await GpgKeyring.RequireEncryptionKeyAsync(fingerprint, string.IsNullOrWhiteSpace(settings.GpgHome) ? null : settings.GpgHome, ct);
                return true;
            },
            ScanAsync);

    /// <summary>Phase 1's precheck delegate: the suite over the run's own store access (verify lane) and environment.</summary>
    public static Func<RunContext, CancellationToken, Task<IReadOnlyList<PrecheckResult>>> ForRunner(OrchestratorSettings settings, IStoreConnector store, Func<string, string?> readEnvironment, TimeProvider time)
    {
        var suite = Create(settings);
        return async (context, ct) =>
        {
            var precheck = new PrecheckContext(settings, c => store.OpenAsync(Lane.Verify, c), readEnvironment, time, System.Net.Dns.GetHostName());
            return (await suite.RunAsync(precheck, ct)).Results;
        };
    }

    /// <summary>The build's Cutter analyzers, run by <c>cutter scan</c>'s engine over the configured scan_paths; an unreadable path fails the check too.</summary>
    private static Task<IReadOnlyList<string>> ScanAsync(IReadOnlyList<string> paths, CancellationToken ct) => Scanning.SecretScanner.ScanLinesAsync(paths, ct);
}
