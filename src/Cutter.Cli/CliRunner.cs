using System.CommandLine;
using Cutter.Domain;

namespace Cutter.Cli;

/// <summary>The one place where exceptions become exit codes and operator messages.</summary>
internal static class CliRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the running command unwind (and tear down what it started) instead of dying mid-write.
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
                Console.Error.WriteLine("see `cutter --help`");
                return ExitCodes.UsageError;
            }
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token);
        }
        catch (Exception ex)
        {
            return MapException(ex, Console.Error);
        }
    }

    public static int MapException(Exception ex, TextWriter error)
    {
        switch (ex)
        {
            case StopException stop:
                error.WriteLine($"STOPPED {stop.Code.Code}: {stop.Detail}");
                if (stop.RunId is { } runId) error.WriteLine($"  run: {runId}");
                if (stop.Phase is { } phase) error.WriteLine($"  phase: {phase}");
                error.WriteLine("  see docs/stop-codes.md for what to do next");
                return ExitCodes.Stopped;
            case InvalidInputException invalid:
                error.WriteLine($"error: {invalid.Message}");
                return ExitCodes.UsageError;
            case CutterException cutter:
                error.WriteLine($"error: {cutter.Message}");
                return ExitCodes.Failure;
            case OperationCanceledException:
                error.WriteLine("cancelled");
                return ExitCodes.Failure;
            default:
                error.WriteLine($"unexpected error: {ex}");
                return ExitCodes.Failure;
        }
    }
}
