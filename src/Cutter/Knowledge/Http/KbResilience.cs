using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Cutter.Knowledge.Http;

/// <summary>
/// The KB client's resilience pipeline, built directly with <see cref="ResiliencePipelineBuilder{TResult}"/> and wrapped
/// in a <see cref="ResilienceHandler"/> (no service container: the client is built by the orchestrator factory, and
/// IHttpClientFactory's request logging is not wanted next to a bearer key). Outermost first:
/// <list type="number">
/// <item>a total timeout: one operation, every attempt and wait included, ends within <c>TotalTimeout</c>;</item>
/// <item>a retry: exponential backoff with jitter, <c>MaxAttempts - 1</c> retries, on what
///   <see cref="HttpClientResiliencePredicates.IsTransient(Outcome{HttpResponseMessage})"/> calls transient — 5xx, 408,
///   429 (its <c>Retry-After</c> honoured), <see cref="HttpRequestException"/> (refused, reset, dropped) and an attempt's
///   timeout — and never on any other 4xx;</item>
/// <item>a per-attempt timeout.</item>
/// </list>
/// Every method is retried, POST included: POST is safe to retry only because each create carries an
/// <c>Idempotency-Key</c> and the server answers a repeated key with the first doc's id (docs/kb-api.md).
/// </summary>
internal static class KbResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(HttpKnowledgeBaseOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "cutter-kb", TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "kb-total", Timeout = options.TotalTimeout });
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "kb-retry",
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
                // Unsafe methods are deliberately NOT disabled (no DisableForUnsafeHttpMethods): see the class comment.
                OnRetry = args =>
                {
                    var call = KbCall.Of(args.Context.GetRequestMessage());
                    // The cause is a status code or an exception's type and message: never a header, so never the key.
                    var cause = args.Outcome.Result is { } response
                        ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
                        : $"{args.Outcome.Exception?.GetType().Name}: {args.Outcome.Exception?.Message}";
                    logger.LogWarning("KB {Operation} {Target}: attempt {Attempt} of {MaxAttempts} failed ({Cause}); retrying in {DelayMs} ms",
                        call?.Operation, call?.Target, args.AttemptNumber + 1, options.MaxAttempts, cause, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "kb-attempt", Timeout = options.PerAttemptTimeout });
        return builder.Build();
    }
}
