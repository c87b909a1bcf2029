namespace Cutter.Cli;

/// <summary>
/// What the operator sees for a failure: one line on stderr (a STOP adds its explanation lines) and the exit code;
/// with --json also an error document (docs/json/error.schema.json).
/// </summary>
internal sealed record CliError(int ExitCode, string Message, StopDetails? Stop = null)
{
    /// <summary>The exit code's name in docs/exit-codes.md, for scripts that branch on the kind rather than the number.</summary>
    public string Kind => ExitCodes.KindOf(ExitCode);

    public void WriteTo(TextWriter error)
    {
        error.WriteLine(Message);
        foreach (var line in Stop?.ExplanationLines() ?? []) error.WriteLine(line);
    }

    /// <summary>The JSON error: the message's first line (a cut plan's diagnostics come as their own fields), its kind, the STOP.</summary>
    public object ToJson() => new { Kind, Message = Message.Split('\n')[0], Stop };
}
