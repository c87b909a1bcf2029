using System.Diagnostics;
using System.Text;
using Cutter.Domain;

namespace Cutter.Infrastructure;

/// <summary>Result of a finished child process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Standard error on one line (its non-blank lines joined with " | "), for an error message: tools such as gpg
    /// print notices ("keybox created") before the error, and a message that spans lines breaks tables and logs.
    /// </summary>
    public string ErrorSummary => string.Join(" | ",
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>
/// Runs external tools (initdb, pg_ctl, pg_dump, gpg, ssh-keygen) with an argument list (never a shell string),
/// an explicit environment, and optional standard input. Secrets go through the environment, never argv.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        Stream? standardInput = null,
        Stream? standardOutputSink = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) start.Environment.Remove(key);
                else start.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CutterException($"cannot start '{fileName}': {ex.Message}", ex);
        }

        var stdoutText = new StringBuilder();
        Task stdoutTask = standardOutputSink is null
            ? Task.Run(async () => stdoutText.Append(await process.StandardOutput.ReadToEndAsync(cancellationToken)), cancellationToken)
            : process.StandardOutput.BaseStream.CopyToAsync(standardOutputSink, cancellationToken);
        var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);

        if (standardInput is not null)
        {
            await standardInput.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        }
        process.StandardInput.Close();

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        await stdoutTask;
        var stderr = await stderrTask;
        return new ProcessResult(process.ExitCode, stdoutText.ToString(), stderr);
    }

    /// <summary>Finds an executable: an explicit folder first, then PATH. Returns null when absent.</summary>
    public static string? FindExecutable(string name, params string?[] preferredFolders)
    {
        foreach (var folder in preferredFolders)
        {
            if (string.IsNullOrWhiteSpace(folder)) continue;
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
