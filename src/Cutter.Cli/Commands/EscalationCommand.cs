using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Governance.Approvals;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Escalation;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter revert` and `cutter compensate`: without --approval, write the SG_3 request (binding the run, the action
/// and the sha of the target's current rows) and print its id; with the signed approval, do it.
/// </summary>
internal sealed class EscalationCommand : Command
{
    private readonly string _action;
    private readonly Option<string> _runId = new("--run-id") { Description = "The run", Required = true };
    private readonly Option<string?> _approval = new("--approval") { Description = "The signed SG_3 approval (omit to request one)" };
    private readonly Option<string?> _reason = new("--reason") { Description = "Why, recorded in the request" };
    private readonly Option<string?> _config = CommonOptions.Config();

    private EscalationCommand(string name, string action, string description) : base(name, description)
    {
        _action = action;
        Options.Add(_runId);
        Options.Add(_approval);
        Options.Add(_reason);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    public static EscalationCommand Revert() => new("revert", EscalationActions.Revert,
        "Undo a finished run's writes for its target document under an SG_3 approval (request it first)");

    public static EscalationCommand Compensate() => new("compensate", EscalationActions.Compensate,
        "Restore the pre-run state after a torn write under an SG_3 approval, and end the run");

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        using var logging = CliLogging.Create();
        var escalation = new RunEscalation(CliComposition.Services(configuration, logging.CreateLogger("cutter." + _action)));
        var runId = RunId.Parse(parse.GetValue(_runId)!);
        if (parse.GetValue(_approval) is not { } approval)
        {
            var request = await escalation.RequestAsync(runId, _action, parse.GetValue(_reason), cancellationToken);
            var gate = ApprovalGate.Sg3EscalationAuthz.WireName();
            // The request waits for a signed SG_3 approval: exit 7, as a run paused at a gate does.
            return JsonOutput.Result(parse, ExitCodes.AwaitingApproval,
                () => new { Outcome = "awaiting_approval", RunId = runId.ToString(), Action = _action, PendingRequests = new[] { new PendingRequest(gate, request.Value) } },
                output =>
                {
                    output.WriteLine($"request {gate}: {request}");
                    output.WriteLine($"Next: cutter approve --request {request} ...; cutter {Name} --run-id {runId} --approval <SG_3 approval id>");
                });
        }
        var state = await escalation.ExecuteAsync(runId, _action, KbDocId.Parse(approval), cancellationToken);
        return JsonOutput.Result(parse, ExitCodes.Ok, () => new { Outcome = "done", RunId = runId.ToString(), Action = _action, Run = RunJson.Of(state) }, output => RunPrinter.Print(state, output));
    }
}
