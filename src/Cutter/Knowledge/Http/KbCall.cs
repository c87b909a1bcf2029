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

    /// <summary>
    /// Whether the pipeline settled on an answer (its headers are in); set by <see cref="KbAnswerMarkingHandler"/>. After
    /// that only the body can be late, and only the client's own timeout bounds it.
    /// </summary>
    public bool Answered => Volatile.Read(ref _answered);

    private int _attempts;
    private bool _answered;

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    public void MarkAnswered() => Volatile.Write(ref _answered, true);

    public static KbCall? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var call) ? call : null;
}
