using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Rehearsal;
using Cutter.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Verification.Gate;

/// <summary>
/// The run this gate verifies, verified once per test run. With <c>CUTTER_VERIFY_RUN_ID</c> set, a deployed run:
/// configuration from <c>CUTTER_CONFIG</c>, the verify lane's login from the environment or <c>CUTTER_ENV_FILE</c>.
/// With nothing set, a complete rehearsal on a disposable PostgreSQL first, so `dotnet test` always checks a real run.
/// Either way the signed report is written into the run's sidecar folder.
/// </summary>
public sealed class VerifiedRunFixture : IAsyncLifetime
{
    private RehearsalEnvironment? _rehearsal;
    private string? _rehearsalDir;

    internal VerificationOutcome Outcome { get; private set; } = null!;
    public OrchestratorSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var runIdText = Environment.GetEnvironmentVariable(EnvironmentNames.VerifyRunId);
        if (!string.IsNullOrWhiteSpace(runIdText))
        {
            var target = VerificationTarget.Load(null);
            Settings = target.Settings;
            Outcome = await RunVerification.VerifyAndWriteAsync(target.Settings, target.VerifyConnectionString, RunId.Parse(runIdText), TimeProvider.System);
            return;
        }

        _rehearsalDir = Directory.CreateTempSubdirectory("cutter-verification-gate-").FullName;
        _rehearsal = await RehearsalEnvironment.CreateAsync(_rehearsalDir, NullLogger.Instance, TimeProvider.System);
        var state = await RehearsalRun.RunAsync(_rehearsal, TimeProvider.System, NullLogger.Instance);
        Settings = _rehearsal.Settings;
        Outcome = await RunVerification.VerifyAndWriteAsync(_rehearsal.Settings, _rehearsal.Store.VerifyConnectionString, RunId.Parse(state.RunId), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        if (_rehearsal is not null) await _rehearsal.DisposeAsync();
        if (_rehearsalDir is not null)
        {
            try { Directory.Delete(_rehearsalDir, recursive: true); }
            catch (IOException) { }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VerifiedRunCollection : ICollectionFixture<VerifiedRunFixture>
{
    public const string Name = "verified run";
}
