using System.CommandLine;

namespace Cutter.Cli.Commands;

/// <summary>`cutter rehearse`: the main job on the embedded default, on a disposable PostgreSQL.</summary>
internal sealed class RehearseCommand : Command
{
    public RehearseCommand() : base("rehearse", "Run a complete governed cut of the sample document on a disposable PostgreSQL and verify it")
    {
        SetAction((_, _) => Task.FromResult(ExitCodes.Ok));
    }
}
