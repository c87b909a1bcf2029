using Cutter.Domain;

namespace Cutter.Cli;

/// <summary>
/// A STOP as the operator reads it: the code, what it means, where the run halted, and the title of the section that
/// says what to do. The title, not a repository path: an installed tool's user has the guide, not the source tree.
/// </summary>
internal sealed record StopDetails(string Code, string Meaning, bool Terminal, string Detail, string? RunId, int? Phase, string DocsSection)
{
    /// <summary>The title of the operator guide's page that has one section per STOP code (docs/stop-codes.md).</summary>
    public const string DocsPage = "STOP codes";

    public static CliError Describe(StopException stop) => new(
        ExitCodes.Stopped,
        $"STOPPED {stop.Code.Code}: {stop.Detail}",
        new StopDetails(stop.Code.Code, stop.Code.Meaning, stop.Code.Terminal, stop.Detail, stop.RunId?.ToString(), stop.Phase, $"{DocsPage} › {stop.Code.Code}"));

    public IEnumerable<string> ExplanationLines()
    {
        yield return $"  meaning: {Meaning}" + (Terminal ? " (terminal: the run cannot be resumed)" : "");
        if (RunId is not null) yield return $"  run: {RunId}";
        if (Phase is { } phase) yield return $"  phase: {phase}";
        yield return $"  what to do: the section \"{Code}\" of the \"{DocsPage}\" page in Cutter's operator guide";
    }
}
