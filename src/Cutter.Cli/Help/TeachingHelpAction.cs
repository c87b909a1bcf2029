using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;

namespace Cutter.Cli.Help;

/// <summary>
/// System.CommandLine's help, naming the tool `cutter` and followed by the verb's examples (<see cref="VerbExamples"/>).
/// The usage lines start with the entry assembly's file name (Cutter.Cli when run as `dotnet Cutter.Cli.dll`); the
/// assembly cannot be called `cutter` because the runtime compares assembly names ignoring case and the library is Cutter.
/// </summary>
internal sealed class TeachingHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public const string ToolName = "cutter";

    /// <summary>As the standard help: `cutter plan --help` shows help even though plan's argument is missing.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var buffer = new StringWriter();
        parseResult.InvocationConfiguration.Output = buffer;
        try
        {
            standard.Invoke(parseResult);
        }
        finally
        {
            parseResult.InvocationConfiguration.Output = output;
        }
        output.Write(NameTheTool(buffer.ToString()));
        var verb = Output.JsonOutput.VerbOf(parseResult);
        var examples = VerbExamples.For(verb);
        if (examples.Count == 0) return 0;
        output.WriteLine("Examples:");
        foreach (var example in examples)
        {
            output.WriteLine($"  {example.CommandLine}");
            output.WriteLine($"      {example.What}");
        }
        output.WriteLine();
        return 0;
    }

    private static string NameTheTool(string help) =>
        Regex.Replace(help, $@"^(\s+){Regex.Escape(RootCommand.ExecutableName)}(?=\s|$)", "$1" + ToolName, RegexOptions.Multiline);
}
