using System.CommandLine;
using Cutter.Orchestration.Prechecks;

namespace Cutter.Cli.Commands;

/// <summary>`cutter release-manifest DIR [--output FILE]`: writes the file-hash manifest the install_paths precheck compares against.</summary>
internal sealed class ReleaseManifestCommand : Command
{
    private readonly Argument<string> _directory = new("DIR") { Description = "The release folder to hash" };

    private readonly Option<string?> _output = new("--output") { Description = "Write the manifest to this file (skipped if inside DIR) instead of standard output" };

    public ReleaseManifestCommand() : base("release-manifest", "Print or write the sha256sum-format manifest of a release folder (orchestrator.previous_release_manifest)")
    {
        Arguments.Add(_directory);
        Options.Add(_output);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var directory = parse.GetValue(_directory)!;
        var output = parse.GetValue(_output);
        if (output is not null)
        {
            var written = ReleaseManifest.Write(directory, output);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{written.Entries.Count} file(s) of {directory} written to {output}");
        }
        else
        {
            await parse.InvocationConfiguration.Output.WriteAsync(ReleaseManifest.Create(directory).Render());
        }
        return ExitCodes.Ok;
    }
}
