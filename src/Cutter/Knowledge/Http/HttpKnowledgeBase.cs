using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cutter.Configuration;
using Cutter.Domain;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Cutter.Knowledge.Http;

/// <summary>
/// A knowledge base behind the KB API (docs/kb-api.md), authenticated with <c>AGENT_DATA_API_KEY</c>. Transient
/// failures are retried by the pipeline of <see cref="KbResilience"/> (Polly, through Microsoft.Extensions.Http.Resilience);
/// whatever cannot be completed surfaces as <see cref="KbUnavailableException"/>, a missing doc as
/// <see cref="KbDocumentNotFoundException"/>. The API key lives only in the client's default Authorization header: it is
/// not a property, not in the options, not in any log line, message or <see cref="ToString"/>.
/// </summary>
internal sealed class HttpKnowledgeBase : IKnowledgeBase, IDisposable
{
    private const int MaxSignatureChars = 64 * 1024;
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ListPrefix = "KB-";

    private readonly HttpClient _client;
    private readonly HttpKnowledgeBaseOptions _options;
    private readonly TimeProvider _time;

    /// <param name="readEnvironment">Reads <c>AGENT_DATA_API_KEY</c> (the configuration's ReadEnvironment).</param>
    /// <param name="time">Drives the retry waits and timeouts; these are real network waits, so a fake run clock does not belong here.</param>
    public HttpKnowledgeBase(HttpKnowledgeBaseOptions options, Func<string, string?> readEnvironment, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readEnvironment);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Validated();
        _time = time ?? TimeProvider.System;
        var apiKey = readEnvironment(EnvironmentNames.KbApiKey);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new InvalidInputException(EnvironmentNames.KbApiKey, $"is not set; the KB API at {_options.BaseAddress} needs it");
        }
        if (apiKey.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new InvalidInputException(EnvironmentNames.KbApiKey, "contains whitespace or control characters");
        }

        var transport = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
        var resilience = new ResilienceHandler(KbResilience.Build(_options, _time, logger))
        {
            InnerHandler = new KbAttemptCountingHandler(transport),
        };
        _client = new HttpClient(new KbAnswerMarkingHandler(resilience), disposeHandler: true)
        {
            BaseAddress = _options.BaseAddress,
            // The pipeline bounds each operation; this backstop also bounds reading a body whose headers came in time.
            Timeout = _options.TotalTimeout + _options.PerAttemptTimeout,
            MaxResponseContentBufferSize = Math.Max(_options.MaxDocumentBytes, MaxSignatureChars * 4L),
        };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>The KB API's base URL (it carries no credentials).</summary>
    public Uri BaseAddress => _options.BaseAddress;

    /// <summary>Opens the KB API at <paramref name="url"/> with default options; <paramref name="source"/> names the setting in errors.</summary>
    /// <param name="maxDocumentBytes">The document cap both ways (<c>orchestrator.max_document_bytes</c>).</param>
    public static HttpKnowledgeBase Open(string url, string source, Func<string, string?> readEnvironment, ILogger logger,
        long maxDocumentBytes = DocumentCaps.DefaultMaxDocumentBytes) =>
        new(HttpKnowledgeBaseOptions.ForUrl(url, source) with { MaxDocumentBytes = maxDocumentBytes }, readEnvironment, logger);

    public async Task<KbDocument> GetAsync(KbDocId id, CancellationToken cancellationToken = default)
    {
        byte[] raw;
        using (var response = await SendAsync(HttpMethod.Get, DocPath(id), null, "get", id.Value, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new KbDocumentNotFoundException(id);
            }
            raw = await Expect(response, HttpStatusCode.OK, "get", id.Value).Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        if (raw.LongLength > _options.MaxDocumentBytes)
        {
            throw new InvalidInputException($"KB document {id}", DocumentCaps.TooLarge(raw.LongLength, _options.MaxDocumentBytes, DocumentCaps.MaxDocumentBytesKey));
        }

        string? signature = null;
        using (var response = await SendAsync(HttpMethod.Get, DocPath(id) + "/signature", null, "get-signature", id.Value, cancellationToken).ConfigureAwait(false))
        {
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                signature = await Expect(response, HttpStatusCode.OK, "get-signature", id.Value).Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return KbDocumentReader.Read(id, raw, signature, $"KB document {id}");
    }

    public async Task<bool> ExistsAsync(KbDocId id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, DocPath(id), null, "exists", id.Value, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        Expect(response, HttpStatusCode.OK, "exists", id.Value);
        return true;
    }

    public async Task<KbDocId> CreateAsync(byte[] raw, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        IdempotencyIndex.ValidateKey(idempotencyKey);
        if (raw.LongLength > _options.MaxDocumentBytes)
        {
            throw new InvalidInputException("new KB document", DocumentCaps.TooLarge(raw.LongLength, _options.MaxDocumentBytes, DocumentCaps.MaxDocumentBytesKey));
        }
        // Refuse a malformed document before the server spends an id on it.
        KbDocumentReader.Read(KbDocId.None, raw, null, "new KB document");

        var target = $"idempotency key {idempotencyKey}";
        var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Retried by the pipeline like every call: safe because the server maps this key to the first doc's id.
        using var response = await SendAsync(HttpMethod.Post, "docs", content, "create", target, cancellationToken,
            request => request.Headers.Add(IdempotencyKeyHeader, idempotencyKey)).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            Expect(response, HttpStatusCode.Created, "create", target);
        }
        var body = await ReadJsonAsync<CreatedBody>(response, "create", target, cancellationToken).ConfigureAwait(false);
        if (!KbDocId.TryParse(body?.Id, out var id) || id == KbDocId.None)
        {
            throw Unavailable(response, "create", target, "the answer carries no valid id (expected {\"id\": \"KB-<digits>\"})");
        }
        return id;
    }

    public async Task PutSignatureAsync(KbDocId id, string armoredSignature, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(armoredSignature) || armoredSignature.Length > MaxSignatureChars
            || armoredSignature.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            throw new InvalidInputException($"signature for {id}", $"must be 1-{MaxSignatureChars} characters of armored text without control characters");
        }
        var content = new StringContent(armoredSignature, Encoding.UTF8, "text/plain");
        using var response = await SendAsync(HttpMethod.Put, DocPath(id) + "/signature", content, "put-signature", id.Value, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new KbDocumentNotFoundException(id);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Expect(response, HttpStatusCode.NoContent, "put-signature", id.Value);
        }
    }

    public async Task<IReadOnlyList<KbDocId>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string target = "prefix " + ListPrefix;
        using var response = await SendAsync(HttpMethod.Get, "docs?prefix=" + Uri.EscapeDataString(ListPrefix), null, "list", target, cancellationToken).ConfigureAwait(false);
        Expect(response, HttpStatusCode.OK, "list", target);
        var body = await ReadJsonAsync<ListBody>(response, "list", target, cancellationToken).ConfigureAwait(false);
        var ids = new List<(long Number, KbDocId Id)>();
        foreach (var text in body?.Ids ?? throw Unavailable(response, "list", target, "the answer carries no ids (expected {\"ids\": [...]})"))
        {
            if (!KbDocId.TryParse(text, out var id))
            {
                throw Unavailable(response, "list", target, $"the answer lists '{text}', which is not a KB id");
            }
            ids.Add((long.Parse(id.Value.AsSpan(ListPrefix.Length), CultureInfo.InvariantCulture), id));
        }
        return ids.OrderBy(x => x.Number).Select(x => x.Id).Distinct().ToArray();
    }

    public void Dispose() => _client.Dispose();

    public override string ToString() => $"HttpKnowledgeBase({_options.BaseAddress})";

    private static string DocPath(KbDocId id) => "docs/" + id.Value;

    /// <summary>
    /// Sends one operation through the pipeline. Returns any answer the pipeline settled on (the caller decides what a
    /// 404 means); throws <see cref="KbUnavailableException"/> when no answer came in time, and lets the caller's own
    /// cancellation through as it is.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, string operation, string target, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? decorate = null)
    {
        var call = new KbCall(operation, target);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Options.Set(KbCall.Key, call);
        decorate?.Invoke(request);
        var started = _time.GetTimestamp();
        try
        {
            return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or OperationCanceledException)
        {
            var elapsed = _time.GetElapsedTime(started);
            var cause = ex switch
            {
                HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
                _ when call.Answered => $"no complete answer within {Seconds(_client.Timeout)}",
                TimeoutRejectedException timeout when EndedByTheLastAttempt(timeout, call, elapsed) =>
                    $"no answer within the per-attempt timeout of {Seconds(timeout.Timeout)}",
                _ => $"no answer within the total time of {Seconds(_options.TotalTimeout)}",
            };
            throw new KbUnavailableException(operation, target, Math.Max(call.Attempts, 1), null, $"{cause} ({Seconds(elapsed)} in all)", ex);
        }
    }

    /// <summary>
    /// Whether the last attempt's own timeout, not the total time, ended an operation that never got an answer. Which
    /// timer's exception reaches the caller is a race when they fire together (an attempt's
    /// <see cref="TimeoutRejectedException"/> passes the outer timeout as it is, and on a loaded machine even the client's
    /// backstop can fire first), so the cause is read from what happened: the attempts all ran, within the total time.
    /// </summary>
    private bool EndedByTheLastAttempt(TimeoutRejectedException timeout, KbCall call, TimeSpan elapsed) =>
        timeout.Timeout != _options.TotalTimeout && call.Attempts >= _options.MaxAttempts && elapsed < _options.TotalTimeout;

    /// <summary>Throws unless the answer has the expected status; returns it for chaining.</summary>
    private static HttpResponseMessage Expect(HttpResponseMessage response, HttpStatusCode expected, string operation, string target)
    {
        if (response.StatusCode == expected)
        {
            return response;
        }
        var status = (int)response.StatusCode;
        var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
        var what = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"the KB refused the credentials (check {EnvironmentNames.KbApiKey}); not retried",
            _ when retryable => "retries ran out",
            _ => "not retried",
        };
        throw Unavailable(response, operation, target, $"HTTP {status} {response.ReasonPhrase}, expected {(int)expected}: {what}");
    }

    private static KbUnavailableException Unavailable(HttpResponseMessage response, string operation, string target, string cause) =>
        new(operation, target, Math.Max(KbCall.Of(response.RequestMessage)?.Attempts ?? 1, 1), response.StatusCode, cause);

    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, string operation, string target, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw Unavailable(response, operation, target, $"the answer is not the expected JSON ({ex.GetType().Name})");
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private sealed record CreatedBody([property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id);

    private sealed record ListBody([property: System.Text.Json.Serialization.JsonPropertyName("ids")] List<string>? Ids);
}
