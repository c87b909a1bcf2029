namespace Cutter.Knowledge.Http;

/// <summary>
/// Sits over the resilience handler, so it sees the one answer the pipeline settles on, and marks the request's
/// <see cref="KbCall"/> answered: a timeout after that is the body arriving too slowly, not the total time running out.
/// </summary>
internal sealed class KbAnswerMarkingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        KbCall.Of(request)?.MarkAnswered();
        return response;
    }
}
