using System.CommandLine;
using Cutter.Domain;

namespace Cutter.Cli;

/// <summary>The one place where exceptions become exit codes and operator messages.</summary>
internal static class CliRunner
{
    /// <summary>The global option that adds the stack trace to an error; without it every error is one line.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "On an error, also print the stack trace",
        Recursive = true,
    };

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        root.Options.Add(Verbose);
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the running command unwind (and tear down what it started) instead of dying mid-write.
            e.Cancel = true;
            cancellation.Cancel();
        };

        var parse = root.Parse(args);
        try
        {
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
            var exitCode = MapException(ex, Console.Error);
            if (parse.GetValue(Verbose)) Console.Error.WriteLine(ex);
            return exitCode;
        }
    }

    public static int MapException(Exception ex, TextWriter error)
    {
        if (ex is StopException stop)
        {
            error.WriteLine($"STOPPED {stop.Code.Code}: {stop.Detail}");
            if (stop.RunId is { } runId) error.WriteLine($"  run: {runId}");
            if (stop.Phase is { } phase) error.WriteLine($"  phase: {phase}");
            error.WriteLine("  see docs/stop-codes.md for what to do next");
            return ExitCodes.Stopped;
        }
        var classified = ErrorTaxonomy.Classify(ex);
        error.WriteLine(classified.Message);
        return classified.ExitCode;
    }
}
