using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cutter.Cli;

/// <summary>Console logging for the verbs: one line per event on stderr, so stdout stays for results.</summary>
internal static class CliLogging
{
    /// <summary>https://no-color.org: any non-empty value turns colour off.</summary>
    public const string NoColorVariable = "NO_COLOR";

    public static ILoggerFactory Create(bool verbose = false) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.AddFilter("Npgsql", LogLevel.Warning);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
            options.UseUtcTimestamp = true;
            options.ColorBehavior = Colours ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
        });
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    });

    private static bool Colours => ColoursFor(Console.IsErrorRedirected, Environment.GetEnvironmentVariable(NoColorVariable));

    /// <summary>Colour only on a terminal (the log goes to stderr) and only when NO_COLOR is unset or empty: no ANSI in files or pipes.</summary>
    public static bool ColoursFor(bool errorRedirected, string? noColor) => !errorRedirected && string.IsNullOrEmpty(noColor);
}
