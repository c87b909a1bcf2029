using System.Net;
using Cutter.Domain;

namespace Cutter.Knowledge.Http;

/// <summary>
/// The remote KB could not complete an operation: retries ran out, the total time ran out, or it gave an answer that is
/// never retried (401, 403, 400, …). Carries what an operator needs to find the call again — the operation, the doc id
/// or idempotency key, the attempts made and the last status or cause — and never the API key.
/// </summary>
internal sealed class KbUnavailableException : CutterException
{
    public KbUnavailableException(string operation, string target, int attempts, HttpStatusCode? status, string cause, Exception? inner = null)
        : base($"KB {operation} {target} failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {cause}", inner!) // Exception takes a null inner
    {
        Operation = operation;
        Target = target;
        Attempts = attempts;
        Status = status;
        Cause = cause;
    }

    /// <summary>What was asked of the KB: <c>get</c>, <c>exists</c>, <c>create</c>, <c>put-signature</c>, <c>list</c>.</summary>
    public string Operation { get; }

    /// <summary>The doc id (<c>KB-2186</c>), <c>idempotency key …</c> for a create, or <c>prefix KB-</c> for a list.</summary>
    public string Target { get; }

    /// <summary>How many requests were sent (1 when the answer is never retried).</summary>
    public int Attempts { get; }

    /// <summary>The last HTTP status, or null when no answer came (timeout, connection dropped or refused).</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The last status or failure, in words.</summary>
    public string Cause { get; }
}
