using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Domain;
using Cutter.Verification;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter verify --run-id ID [--config FILE]`: the post-run gate. Runs every check on the read-only verify lane,
/// writes the signed verification-report.json and its summary into the run's sidecar folder, prints the table.
/// Exit 0 when every check passes, 4 when any fails.
/// </summary>
internal sealed class VerifyCommand : Command
{
    private readonly Option<string> _runId = new("--run-id") { Description = "The run to verify (its state.json is under orchestrator.sidecar_root)", Required = true };
    private readonly Option<FileInfo> _config = new("--config") { Description = "Configuration file (default: $CUTTER_CONFIG); the verify lane's login comes from the environment or $CUTTER_ENV_FILE" };

    public VerifyCommand() : base("verify", "Verify a finished run (counts, triggers, non-target documents, decisions, flag, grants) and write the signed report")
    {
        Options.Add(_runId);
        Options.Add(_config);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var runId = RunId.Parse(parse.GetValue(_runId)!);
        var target = VerificationTarget.Load(parse.GetValue(_config)?.FullName);
        var outcome = await RunVerification.VerifyAndWriteAsync(target.Settings, target.VerifyConnectionString, runId, TimeProvider.System, cancellationToken: cancellationToken);
        return JsonOutput.Result(parse, outcome.Report.Passed ? ExitCodes.Ok : ExitCodes.ChecksFailed,
            () => new { Verification = VerificationPrinter.Json(outcome) }, output => VerificationPrinter.Print(outcome, output));
    }
}
