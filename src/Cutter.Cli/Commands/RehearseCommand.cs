using System.CommandLine;
using System.Globalization;
using Cutter.Rehearsal;
using Microsoft.Extensions.Logging;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter rehearse`: the main job on the embedded default. Boots a disposable PostgreSQL, migrates, seeds the
/// sample registry and KB, makes throwaway keys, runs the sample target live through both signed gates, and tears
/// the server down; the run's files stay in the work folder.
/// </summary>
internal sealed class RehearseCommand : Command
{
    private readonly Option<DirectoryInfo> _workDir = new("--work-dir") { Description = "Folder for the rehearsal's files (default: ./.cutter-rehearsal/<UTC time>)" };

    public RehearseCommand() : base("rehearse", "Run a complete governed cut of the sample document on a disposable PostgreSQL and verify it")
    {
        Options.Add(_workDir);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var logging = CliLogging.Create();
        var logger = logging.CreateLogger("cutter.rehearse");
        var workDir = parse.GetValue(_workDir)?.FullName
            ?? Path.Combine(Environment.CurrentDirectory, ".cutter-rehearsal", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var time = TimeProvider.System;

        await using var environment = await RehearsalEnvironment.CreateAsync(workDir, logger, time, cancellationToken);
        var state = await RehearsalRun.RunAsync(environment, time, logger, cancellationToken: cancellationToken);

        RunPrinter.Print(state, Console.Out);
        Console.Out.WriteLine();
        Console.Out.WriteLine($"work folder   {environment.WorkDir}");
        Console.Out.WriteLine($"state.json    {Path.Combine(environment.Settings.SidecarRoot, state.RunId, "state.json")}");
        Console.Out.WriteLine($"KB            {environment.Settings.KbRoot} (closeout {state.CloseoutKbId})");
        Console.Out.WriteLine($"backup        {state.Backup?.File}");
        return ExitCodes.Ok;
    }
}
