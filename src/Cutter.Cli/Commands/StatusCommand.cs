using System.CommandLine;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.State;

namespace Cutter.Cli.Commands;

/// <summary>`cutter status`: where every run (or one) stands, read from the sidecar state.</summary>
internal sealed class StatusCommand : Command
{
    private readonly Option<string?> _runId = new("--run-id") { Description = "One run (default: every run)" };
    private readonly Option<string?> _config = CommonOptions.Config();

    public StatusCommand() : base("status", "Show where every run stands")
    {
        Options.Add(_runId);
        Options.Add(_config);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        var sidecar = new SidecarStore(configuration.Orchestrator.SidecarRoot);
        var runs = parse.GetValue(_runId) is { } id ? [sidecar.Load(RunId.Parse(id))] : sidecar.LoadAll().ToArray();
        return JsonOutput.Result(parse, ExitCodes.Ok, () => new { Runs = runs.OrderBy(r => r.CreatedUtc).Select(RunJson.Of) }, output => Print(runs, sidecar, output));
    }

    private static void Print(RunState[] runs, SidecarStore sidecar, TextWriter output)
    {
        if (runs.Length == 1)
        {
            RunPrinter.Print(runs[0], output);
            RunPrinter.PrintNextStep(runs[0], output);
            return;
        }
        output.WriteLine($"{"run",-36}  {"document",-9}  {"mode",-8}  {"status",-18}  updated");
        foreach (var run in runs.OrderBy(r => r.CreatedUtc))
        {
            output.WriteLine($"{run.RunId,-36}  {run.Document.KbId,-9}  {run.Mode,-8}  {run.Status.WireName(),-18}  {run.UpdatedUtc:u}" + (run.Stop is { } s ? $"  {s.Code}" : ""));
        }
        if (runs.Length == 0) output.WriteLine($"no runs under {sidecar.Root}");
    }
}
