namespace Cutter.Tests.Knowledge.Http;

/// <summary>What the test KB server does to one request instead of (or around) answering it.</summary>
public abstract record KbFault
{
    private KbFault() { }

    /// <summary>Answers this status with no body, touching nothing.</summary>
    public sealed record Status(int Code) : KbFault;

    /// <summary>Waits <paramref name="Delay"/> (beyond the client's per-attempt timeout) before handling the request normally.</summary>
    public sealed record Slow(TimeSpan Delay) : KbFault;

    /// <summary>Answers 200 with a promised body, sends a few bytes of it, then waits <paramref name="Delay"/> before sending nothing more.</summary>
    public sealed record StallBody(TimeSpan Delay) : KbFault;

    /// <summary>Aborts the connection (<c>HttpContext.Abort()</c>) before handling the request: nothing is stored.</summary>
    public sealed record Drop : KbFault;

    /// <summary>Handles the request (a create is stored), then aborts the connection instead of answering: the work is done, the answer lost.</summary>
    public sealed record LoseResponse : KbFault;

    public static KbFault Status500 { get; } = new Status(500);
}
