using System.CommandLine;
using Cutter.Cli.Output;
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
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var directory = parse.GetValue(_directory)!;
        var output = parse.GetValue(_output);
        var manifest = output is not null ? ReleaseManifest.Write(directory, output) : ReleaseManifest.Create(directory);
        return JsonOutput.Result(parse, ExitCodes.Ok,
            () => new { Directory = directory, Output = output, Entries = manifest.Entries.Select(e => new { Path = e.Key, Sha256 = e.Value.ToString() }) },
            text =>
            {
                if (output is not null) text.WriteLine($"{manifest.Entries.Count} file(s) of {directory} written to {output}");
                else text.Write(manifest.Render());
            });
    }
}
