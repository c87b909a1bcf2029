using System.CommandLine;
using Cutter.Scanning;

namespace Cutter.Cli.Commands;

/// <summary>
/// `cutter scan PATH...`: the build-time CUT001/CUT002 rules at run time, over C#, appsettings*.json and env files.
/// Prints <c>file:line:col: CUT00N message</c> per finding; exits 4 when there is any, 0 when clean.
/// </summary>
internal sealed class ScanCommand : Command
{
    public ScanCommand() : base("scan", "Scan files or folders for hard-coded secrets (CUT001) and runtime ids (CUT002)")
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders to scan (folders: *.cs, appsettings*.json, *.env, recursively)",
            Arity = ArgumentArity.OneOrMore,
        };
        Arguments.Add(paths);
        SetAction((parse, _) =>
        {
            var findings = new SecretScanner().Scan(parse.GetValue(paths) ?? []);
            var output = parse.InvocationConfiguration.Output;
            foreach (var finding in findings)
            {
                output.WriteLine(finding.ToString());
            }
            output.WriteLine(findings.Count == 0 ? "scan: clean" : $"scan: {findings.Count} finding(s)");
            return Task.FromResult(findings.Count == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed);
        });
    }
}
