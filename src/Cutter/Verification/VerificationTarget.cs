using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Store;
using Microsoft.Extensions.Configuration;

namespace Cutter.Verification;

/// <summary>
/// Where a deployed run is verified from: the <c>orchestrator</c> section of the JSON configuration file and the
/// verify lane's login from the environment (<c>DOT_CUTTER_DB_*</c>, <c>DOT_CUTTER_VERIFY_DB_*</c>). Only the
/// verify lane's credentials are read: verification never needs the exec lane's.
/// </summary>
/// <remarks>
/// Reads the JSON file directly until the shared CutterConfiguration (config file + CUTTER_ENV_FILE) is on main;
/// then <see cref="Load"/> should delegate to it.
/// </remarks>
public sealed record VerificationTarget(OrchestratorSettings Settings, string VerifyConnectionString)
{
    public static VerificationTarget Load(string? configFile, Func<string, string?> readEnvironment)
    {
        var path = !string.IsNullOrWhiteSpace(configFile) ? configFile
            : readEnvironment(EnvironmentNames.ConfigFile) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : throw new InvalidInputException("--config", $"no configuration file given (pass --config FILE or set {EnvironmentNames.ConfigFile})");
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new InvalidInputException(path, "configuration file does not exist");

        OrchestratorSettings settings;
        try
        {
            settings = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
                .GetSection(OrchestratorSettings.SectionName).Get<OrchestratorSettings>() ?? new OrchestratorSettings();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new InvalidInputException(path, $"configuration cannot be read: {ex.Message}");
        }
        if (string.IsNullOrWhiteSpace(settings.SidecarRoot)) throw new InvalidInputException("orchestrator.sidecar_root", $"is not configured in {path}");

        var endpoint = StoreEndpoint.FromEnvironment(readEnvironment);
        var credentials = LaneCredentials.FromEnvironment(Lane.Verify, readEnvironment);
        return new VerificationTarget(settings, endpoint.ConnectionString(credentials, "cutter-verify"));
    }
}
