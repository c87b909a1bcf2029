namespace Cutter.Knowledge.Http;

/// <summary>
/// Sits under the resilience handler, so it sees every attempt the retry makes (the resilience handler re-sends the
/// same request message), and counts them on the request's <see cref="KbCall"/>.
/// </summary>
internal sealed class KbAttemptCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        KbCall.Of(request)?.CountAttempt();
        return base.SendAsync(request, cancellationToken);
    }
}
