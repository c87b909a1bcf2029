using System.CommandLine;
using System.Text.Json.Nodes;
using Cutter.Cli.Output;
using Cutter.Scanning;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter scan PATH... [--format text|json|sarif]`: the build's Cutter analyzers at run time, over C# and
/// configuration files. Text prints <c>file:line:col: CUT00N message</c> per finding, <c>error: path: problem</c> per
/// unreadable path, and a summary line with the files scanned and skipped. Exits 4 on any finding, otherwise 2 when a
/// path could not be read, 0 when clean.
/// </summary>
internal sealed class ScanCommand : Command
{
    public ScanCommand() : base("scan", "Scan files or folders for hard-coded secrets (CUT001) and runtime ids (CUT002)")
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders to scan (folders recursively: *.cs, *.json, *.yaml, *.yml, *.env, *.config, *.xml, *.ini)",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (default), json or sarif (SARIF 2.1.0)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        Arguments.Add(paths);
        Options.Add(format);
        SetAction(async (parse, cancellationToken) =>
        {
            var result = await new SecretScanner().ScanAsync(parse.GetValue(paths) ?? [], cancellationToken);
            var exitCode = result.Findings.Count > 0 ? ExitCodes.ChecksFailed : result.Errors.Count > 0 ? ExitCodes.UsageError : ExitCodes.Ok;
            if (JsonOutput.Requested(parse))
            {
                // --json is --format json inside the common envelope (verb, exit_code).
                return JsonOutput.Result(parse, exitCode, () => JsonNode.Parse(JsonReport.Write(result))!, _ => { });
            }
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(JsonReport.Write(result));
                    break;
                case "sarif":
                    output.WriteLine(SarifReport.Write(result));
                    break;
                default:
                    foreach (var error in result.Errors)
                    {
                        parse.InvocationConfiguration.Error.WriteLine("error: " + error);
                    }
                    foreach (var finding in result.Findings)
                    {
                        output.WriteLine(finding.ToString());
                    }
                    output.WriteLine(result.Summary);
                    break;
            }
            return exitCode;
        });
    }
}
