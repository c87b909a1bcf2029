namespace Cutter.Tests.Knowledge.Http;

/// <summary>One request as the test KB server saw it, and what it did with it.</summary>
public sealed record KbRequest(string Method, string Path, string? IdempotencyKey, bool Authorized)
{
    /// <summary>What happened: <c>answered</c>, <c>fault: …</c>, <c>unauthorized</c>.</summary>
    public string Outcome { get; set; } = "answered";

    public bool IsCreate(string keySuffix) =>
        Method == "POST" && IdempotencyKey is { } key && key.EndsWith(keySuffix, StringComparison.Ordinal);
}
