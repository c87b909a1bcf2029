using Cutter.Domain;
using Microsoft.Extensions.Configuration;

namespace Cutter.Configuration;

/// <summary>
/// Cutter's configuration: a JSON file (from <c>--config</c>, else <c>CUTTER_CONFIG</c>, else <c>./cutter.json</c>)
/// overlaid by <c>CUTTER_</c>-prefixed environment variables (<c>CUTTER_orchestrator__expected_host</c>), with the
/// <c>orchestrator</c> section bound to <see cref="OrchestratorSettings"/>; plus the secrets environment: the process
/// environment first, then the optional env file named by <c>CUTTER_ENV_FILE</c> (see <see cref="EnvFile"/>).
/// </summary>
public sealed class CutterConfiguration
{
    public const string DefaultConfigFile = "cutter.json";
    public const string EnvironmentOverridePrefix = "CUTTER_";

    private CutterConfiguration(string configFile, string? envFile, IConfigurationRoot root, OrchestratorSettings orchestrator, Func<string, string?> readEnvironment)
    {
        ConfigFile = configFile;
        EnvFilePath = envFile;
        Root = root;
        Orchestrator = orchestrator;
        ReadEnvironment = readEnvironment;
    }

    /// <summary>The configuration file that was loaded (full path).</summary>
    public string ConfigFile { get; }

    /// <summary>The env file that was loaded, or null when <c>CUTTER_ENV_FILE</c> is not set.</summary>
    public string? EnvFilePath { get; }

    public IConfigurationRoot Root { get; }

    public OrchestratorSettings Orchestrator { get; }

    /// <summary>Reads a variable: the process environment when it has a non-empty value, else the env file, else null.</summary>
    public Func<string, string?> ReadEnvironment { get; }

    /// <param name="configFile">The <c>--config</c> value, or null.</param>
    /// <param name="processEnvironment">The process environment (tests pass their own); <c>CUTTER_</c> overrides of config keys always come from the real one.</param>
    /// <param name="workingDirectory">Where <c>./cutter.json</c> is looked for (default: the current directory).</param>
    /// <exception cref="InvalidInputException">The config file is missing, malformed (named by line and column) or holds an unknown key, or the env file is missing, malformed or open to others.</exception>
    public static CutterConfiguration Load(string? configFile = null, Func<string, string?>? processEnvironment = null, string? workingDirectory = null)
    {
        processEnvironment ??= Environment.GetEnvironmentVariable;
        var path = Path.GetFullPath(
            NonEmpty(configFile) ?? NonEmpty(processEnvironment(EnvironmentNames.ConfigFile)) ?? DefaultConfigFile,
            workingDirectory ?? Environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, $"configuration file does not exist (give --config FILE or set {EnvironmentNames.ConfigFile})");
        }

        ConfigurationFileCheck.Check(path, File.ReadAllBytes(path));
        IConfigurationRoot root;
        OrchestratorSettings orchestrator;
        try
        {
            root = new ConfigurationBuilder()
                .AddJsonFile(path, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentOverridePrefix)
                .Build();
            orchestrator = root.GetSection(OrchestratorSettings.SectionName).Get<OrchestratorSettings>() ?? new OrchestratorSettings();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new InvalidInputException(path, $"configuration cannot be read: {ex.Message}");
        }

        var envFile = NonEmpty(processEnvironment(EnvironmentNames.EnvFile)) is { } envPath
            ? Path.GetFullPath(envPath, workingDirectory ?? Environment.CurrentDirectory)
            : null;
        var fileValues = envFile is null ? new Dictionary<string, string>() : EnvFile.Read(envFile);
        string? Read(string name) =>
            NonEmpty(processEnvironment(name)) ?? (fileValues.TryGetValue(name, out var value) ? NonEmpty(value) : null);

        return new CutterConfiguration(path, envFile, root, orchestrator, Read);
    }

    /// <summary>
    /// The <c>orchestrator</c> settings for a command that also works without a configuration file (<c>cutter plan</c>):
    /// the file when one is named (<c>--config</c>, <c>CUTTER_CONFIG</c>) or <c>./cutter.json</c> exists, else the
    /// defaults under the <c>CUTTER_orchestrator__*</c> environment overrides, so a cap can be raised either way.
    /// </summary>
    /// <exception cref="InvalidInputException">The named file is missing or invalid, or an override is not of its key's type.</exception>
    internal static OrchestratorSettings LoadOrDefaults(string? configFile, Func<string, string?>? processEnvironment = null, string? workingDirectory = null)
    {
        processEnvironment ??= Environment.GetEnvironmentVariable;
        var named = NonEmpty(configFile) ?? NonEmpty(processEnvironment(EnvironmentNames.ConfigFile));
        if (named is not null || File.Exists(Path.GetFullPath(DefaultConfigFile, workingDirectory ?? Environment.CurrentDirectory)))
        {
            return Load(configFile, processEnvironment, workingDirectory).Orchestrator;
        }
        try
        {
            return new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentOverridePrefix).Build()
                .GetSection(OrchestratorSettings.SectionName).Get<OrchestratorSettings>() ?? new OrchestratorSettings();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new InvalidInputException($"{EnvironmentOverridePrefix}{OrchestratorSettings.SectionName}__* environment", $"cannot be read: {ex.Message}");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
