using System.Diagnostics;

namespace Cutter.Governance.Processes;

/// <summary>
/// Runs an external tool (pg_dump, pg_restore, gpg, ssh-keygen) with an argument list (never a shell string),
/// optional extra environment variables (how passwords reach a child: never on its command line) and optional stdin.
/// Stdin is always redirected, so a tool that would prompt reads end-of-file instead of hanging.
/// </summary>
public static class ToolProcess
{
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        Stream? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (name, value) in environment) start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ToolNotFoundException(fileName, ex.Message);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (standardInput is not null)
            {
                await standardInput.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Do not leave a half-finished dump or restore running behind a cancelled run.
            process.Kill(entireProcessTree: true);
            throw;
        }
        catch (IOException) when (process.HasExited)
        {
            // The tool exited before reading all its input; its exit code and stderr say why.
            await process.WaitForExitAsync(cancellationToken);
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
