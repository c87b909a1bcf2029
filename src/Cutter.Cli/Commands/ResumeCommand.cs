using System.CommandLine;
using Cutter.Configuration;
using Cutter.Domain;

namespace Cutter.Cli.Commands;

/// <summary>`cutter resume`: continue a run from its gate (with the signed approval) or after a crash (from the phase ledger).</summary>
internal sealed class ResumeCommand : Command
{
    private readonly Option<string> _runId = new("--run-id") { Description = "The run to continue", Required = true };
    private readonly Option<string?> _approval = new("--approval") { Description = "The signed approval doc for the gate the run waits at (KB-<digits>)" };
    private readonly Option<string?> _ruling = new("--ruling") { Description = "The signed execution ruling doc (needed when resuming from SG_1)" };
    private readonly Option<string?> _config = CommonOptions.Config();

    public ResumeCommand() : base("resume", "Continue a paused or interrupted run")
    {
        Options.Add(_runId);
        Options.Add(_approval);
        Options.Add(_ruling);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        using var logging = CliLogging.Create();
        var runner = CliComposition.Runner(configuration, logging.CreateLogger("cutter.resume"));
        var approval = parse.GetValue(_approval) is { } a ? KbDocId.Parse(a) : (KbDocId?)null;
        var ruling = parse.GetValue(_ruling) is { } r ? KbDocId.Parse(r) : (KbDocId?)null;
        var state = await runner.ResumeAsync(RunId.Parse(parse.GetValue(_runId)!), approval, ruling, cancellationToken);
        return OrchestrateCommand.Report(parse, state);
    }
}
