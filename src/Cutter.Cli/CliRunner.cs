using System.CommandLine;
using System.CommandLine.Help;
using Cutter.Cli.Help;
using Cutter.Cli.Output;
using Cutter.Domain;

namespace Cutter.Cli;

/// <summary>The one place where exceptions become exit codes and operator messages (and, with --json, error documents).</summary>
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
        root.Options.Add(JsonOutput.Option);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new TeachingHelpAction((HelpAction)help.Action!);
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
                var helpCommand = string.Join(' ', new[] { TeachingHelpAction.ToolName, JsonOutput.VerbOf(parse), "--help" }.Where(word => word.Length > 0));
                var usage = new CliError(ExitCodes.UsageError, $"error: {string.Join("; ", parse.Errors.Select(e => e.Message))} (see `{helpCommand}`)");
                Report(parse, usage);
                return usage.ExitCode;
            }
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token);
        }
        catch (Exception ex)
        {
            var error = Describe(ex);
            Report(parse, error);
            if (parse.GetValue(Verbose)) Console.Error.WriteLine(ex);
            return error.ExitCode;
        }
    }

    public static CliError Describe(Exception ex) => ex is StopException stop ? StopDetails.Describe(stop) : ErrorTaxonomy.Classify(ex);

    /// <summary>The line(s) on stderr, and with --json the error document on stdout.</summary>
    public static void Report(ParseResult parse, CliError error, object? details = null)
    {
        error.WriteTo(Console.Error);
        if (JsonOutput.Requested(parse)) JsonOutput.Error(parse, error, details);
    }
}
