namespace Cutter.Domain;

/// <summary>
/// A STOP condition: the run halts and never self-advances past it.
/// The registry is <see cref="StopCodes"/>; each code has an operator page in docs/stop-codes.md.
/// </summary>
public sealed record StopCode(string Code, string Meaning, bool Terminal)
{
    public override string ToString() => Code;
}
