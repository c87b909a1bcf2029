using Cutter.Configuration;
using Cutter.Store;

namespace Cutter.Verification;

/// <summary>
/// Where a deployed run is verified from: the configuration file (<c>--config</c> or <c>CUTTER_CONFIG</c>) and the
/// verify lane's login from the environment or <c>CUTTER_ENV_FILE</c> (<c>DOT_CUTTER_DB_*</c>,
/// <c>DOT_CUTTER_VERIFY_DB_*</c>). Only the verify lane's credentials are read: verification never needs the exec lane's.
/// </summary>
internal sealed record VerificationTarget(OrchestratorSettings Settings, string VerifyConnectionString)
{
    public static VerificationTarget Load(string? configFile, Func<string, string?>? processEnvironment = null)
    {
        var configuration = CutterConfiguration.Load(configFile, processEnvironment);
        var endpoint = StoreEndpoint.FromEnvironment(configuration.ReadEnvironment);
        var credentials = LaneCredentials.FromEnvironment(Lane.Verify, configuration.ReadEnvironment);
        return new VerificationTarget(configuration.Orchestrator, endpoint.ConnectionString(credentials, "cutter-verify"));
    }
}
