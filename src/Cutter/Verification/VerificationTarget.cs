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
/// Reads the JSON file and the env file directly until the shared CutterConfiguration (config file + CUTTER_ENV_FILE)
/// is on main; then <see cref="Load"/> and <see cref="WithEnvFile"/> should delegate to it.
/// </remarks>
public sealed record VerificationTarget(OrchestratorSettings Settings, string VerifyConnectionString)
{
    /// <summary>
    /// The process environment, then the <c>KEY=VALUE</c> lines of the file <c>CUTTER_ENV_FILE</c> names (if set).
    /// The file holds secrets, so one that group or others can read is refused.
    /// </summary>
    public static Func<string, string?> WithEnvFile(Func<string, string?> processEnvironment)
    {
        if (processEnvironment(EnvironmentNames.EnvFile) is not { Length: > 0 } path) return processEnvironment;
        path = Path.GetFullPath(path);
        if (!File.Exists(path)) throw new InvalidInputException(EnvironmentNames.EnvFile, $"'{path}' does not exist");
        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidInputException(EnvironmentNames.EnvFile, $"'{path}' holds secrets but group or others can read it; chmod 600 it");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new InvalidInputException(EnvironmentNames.EnvFile, $"'{path}' line {lineNumber} is not KEY=VALUE");
            values[line[..equals].Trim()] = line[(equals + 1)..];
        }
        return name => processEnvironment(name) is { Length: > 0 } value ? value : values.GetValueOrDefault(name);
    }

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
