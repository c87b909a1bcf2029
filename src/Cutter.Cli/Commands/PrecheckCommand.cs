using System.CommandLine;
using System.Text.Json.Nodes;
using Cutter.Cli.Output;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;

namespace Cutter.Cli.Commands;

/// <summary>`cutter precheck [--config FILE] [--json]`: runs every precheck, prints the table (or JSON), exits 4 on any failure.</summary>
internal sealed class PrecheckCommand : Command
{
    private readonly Option<string?> _config = new("--config")
    {
        Description = $"Configuration file (default: ${EnvironmentNames.ConfigFile}, else ./{CutterConfiguration.DefaultConfigFile})",
    };

    public PrecheckCommand() : base("precheck", "Run every precheck and print a table of checks with PASS/FAIL/WAIVED and the reason")
    {
        Options.Add(_config);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var configuration = CutterConfiguration.Load(parse.GetValue(_config));
        var context = PrecheckContext.FromConfiguration(configuration, TimeProvider.System);
        var suite = StandardPrechecks.Create(configuration.Orchestrator);
        var report = await suite.RunAsync(context, cancellationToken);
        return JsonOutput.Result(parse, report.AllPassed ? ExitCodes.Ok : ExitCodes.ChecksFailed, () => JsonNode.Parse(report.ToJson())!, output => output.Write(report.Render()));
    }

}
