using System.CommandLine;
using Cutter.Configuration;

namespace Cutter.Cli.Commands;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = $"Configuration file (default: ${EnvironmentNames.ConfigFile}, else ./{CutterConfiguration.DefaultConfigFile})",
    };
}
