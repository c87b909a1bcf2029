namespace Cutter.Knowledge.Http;

/// <summary>
/// One KB operation as it travels with its request (in <see cref="HttpRequestMessage.Options"/>): what it is, for the
/// retry log, and how many requests went out, for the error. Nothing here comes from the headers.
/// </summary>
internal sealed class KbCall(string operation, string target)
{
    public static readonly HttpRequestOptionsKey<KbCall> Key = new("cutter.kb.call");

    public string Operation { get; } = operation;
    public string Target { get; } = target;

    /// <summary>Requests sent so far; incremented by <see cref="KbAttemptCountingHandler"/> under the retry.</summary>
    public int Attempts => _attempts;

    private int _attempts;

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    public static KbCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;
}
