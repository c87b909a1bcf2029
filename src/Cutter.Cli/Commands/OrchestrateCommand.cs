using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Cli.Commands;

/// <summary>`cutter orchestrate`: start a run of one target document; a live run pauses at SG_1 (exit 7) with the next command printed.</summary>
internal sealed class OrchestrateCommand : Command
{
    private readonly Option<string> _document = new("--document") { Description = "The target KB document (KB-<digits>)", Required = true };
    private readonly Option<string> _mode = new("--mode") { Description = "live, simulate or dry-run", Required = true };
    private readonly Option<string> _actor = new("--actor") { Description = "Who starts the run (recorded in the run and its docs)", Required = true };
    private readonly Option<string?> _config = CommonOptions.Config();

    public OrchestrateCommand() : base("orchestrate", "Start a governed cut of one document (live, simulate or dry-run)")
    {
        _mode.AcceptOnlyFromAmong("live", "simulate", "dry-run");
        Options.Add(_document);
        Options.Add(_mode);
        Options.Add(_actor);
        Options.Add(_config);
        SetAction(RunAsync);
    }

    public static RunMode ParseMode(string? text) => text switch
    {
        "live" => RunMode.Live,
        "simulate" => RunMode.Simulate,
        "dry-run" => RunMode.DryRun,
        _ => throw new InvalidInputException("--mode", $"'{text}' is not live, simulate or dry-run"),
    };

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        using var logging = CliLogging.Create();
        var runner = CliComposition.Runner(configuration, logging.CreateLogger("cutter.orchestrate"));
        var state = await runner.CutAsync(KbDocId.Parse(parse.GetValue(_document)), ParseMode(parse.GetValue(_mode)), parse.GetValue(_actor)!, cancellationToken);
        return Report(parse, state);
    }

    /// <summary>The run as JSON or text, exiting 7 while it waits at a gate (orchestrate, resume).</summary>
    public static int Report(ParseResult parse, RunState state) =>
        JsonOutput.Result(parse, RunJson.ExitCodeOf(state), () => RunJson.Result(state), output => Report(state, output));

    /// <summary>The run, its request ids on grep-able lines, and the next step.</summary>
    public static void Report(RunState state, TextWriter output)
    {
        RunPrinter.Print(state, output);
        output.WriteLine();
        output.WriteLine($"run_id: {state.RunId}");
        foreach (var gate in state.Gates.Values.Where(g => g.RequestKbId is not null && g.ApprovalKbId is null))
        {
            output.WriteLine($"request {gate.Gate.WireName()}: {gate.RequestKbId}");
        }
        if (state.Status == RunStatus.AwaitingSg1 && state.RulingRequestKbId is not null)
        {
            output.WriteLine($"request execution_ruling: {state.RulingRequestKbId}");
        }
        RunPrinter.PrintNextStep(state, output);
    }
}
