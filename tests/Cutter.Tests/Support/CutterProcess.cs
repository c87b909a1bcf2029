using Cutter.Infrastructure;

namespace Cutter.Tests.Support;

/// <summary>Runs the real `cutter` CLI (the Cutter.Cli.dll built beside the tests) as a child process.</summary>
public static class CutterProcess
{
    /// <summary>The exit code of a process killed by SIGKILL, as the runtime reports it (128 + 9).</summary>
    public const int KilledBySigkill = 137;

    internal static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Cutter.Cli.dll"), .. arguments], environment, workingDirectory);

    /// <summary>
    /// Runs the CLI seeing only the Cutter variables <paramref name="environment"/> gives it, whatever the machine running
    /// the tests has set.
    /// </summary>
    internal static Task<ProcessResult> RunIsolatedAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] arguments)
    {
        var clean = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in typeof(Cutter.Configuration.EnvironmentNames).GetFields().Select(f => (string)f.GetValue(null)!)) clean[name] = null;
        foreach (var (name, value) in environment) clean[name] = value;
        return RunAsync(clean, workingDirectory, arguments);
    }

    /// <summary>The value on a `key: value` line of the output.</summary>
    internal static string? Field(ProcessResult result, string key) =>
        result.StandardOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?[(key.Length + 2)..];
}
