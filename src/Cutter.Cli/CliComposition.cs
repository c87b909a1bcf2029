using Cutter.Configuration;
using Cutter.Orchestration;
using Cutter.Rehearsal;
using Microsoft.Extensions.Logging;

namespace Cutter.Cli;

/// <summary>Builds the library's runner from the configuration file and the environment, for the verbs that run.</summary>
internal static class CliComposition
{
    public static OrchestratorRunner Runner(CutterConfiguration configuration, ILogger logger) =>
        new(Services(configuration, logger));

    public static OrchestratorServices Services(CutterConfiguration configuration, ILogger logger) =>
        OrchestratorFactory.Create(
            configuration.Orchestrator,
            StoreAccess.FromEnvironment(configuration.ReadEnvironment),
            configuration.ReadEnvironment,
            TimeProvider.System,
            logger,
            new ConsoleProgress(),
            // The crash-recovery tests kill the real CLI at a durable point; unset, nothing observes the run.
            observer: FaultInjection.FromEnvironment(Environment.GetEnvironmentVariable));
}

/// <summary>Rows written / total for long phases: a live line on a terminal, a line per 10% when output is redirected.</summary>
internal sealed class ConsoleProgress : IProgress<PhaseProgress>
{
    private int _lastDecile = -1;

    public void Report(PhaseProgress value)
    {
        if (value.Total <= 0) return;
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write($"\r  phase {value.Phase} {value.Name}: {value.Done:N0} / {value.Total:N0} rows");
            if (value.Done >= value.Total) Console.Error.WriteLine();
            return;
        }
        var decile = (int)(value.Done * 10 / value.Total);
        if (decile == _lastDecile) return;
        _lastDecile = decile;
        Console.Error.WriteLine($"  phase {value.Phase} {value.Name}: {value.Done} / {value.Total} rows");
    }
}
