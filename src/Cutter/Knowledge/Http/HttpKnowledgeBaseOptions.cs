using Cutter.Domain;

namespace Cutter.Knowledge.Http;

/// <summary>
/// Where the KB API is and how hard the client tries. Holds no secret: the API key is read from the environment by
/// <see cref="HttpKnowledgeBase"/> and kept out of this record (whose generated <c>ToString</c> prints every property).
/// </summary>
/// <param name="BaseAddress">The API's base URL: absolute, https (or http to a loopback host), no user info, query or fragment.</param>
internal sealed record HttpKnowledgeBaseOptions(Uri BaseAddress)
{
    /// <summary>Requests per operation, the first included (default 5). 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The median delay before the first retry; later ones grow exponentially, with jitter (default 1 s).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No single wait between attempts is longer than this (default 8 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>One request gets this long to answer before it is abandoned and retried (default 10 s).</summary>
    public TimeSpan PerAttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>One operation, every attempt and wait included, never takes longer than this (default 30 s).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Documents larger than this are refused, both ways (default 8 MiB, as the folder KB).</summary>
    public long MaxDocumentBytes { get; init; } = FolderKnowledgeBase.DefaultMaxDocumentBytes;

    /// <summary>Options with the defaults for a configured URL; <paramref name="source"/> names the setting in errors.</summary>
    public static HttpKnowledgeBaseOptions ForUrl(string url, string source)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri))
        {
            throw new InvalidInputException(source, "is not an absolute URL (for example https://kb.example/api/)");
        }
        return new HttpKnowledgeBaseOptions(uri);
    }

    /// <summary>Refuses values that cannot work, naming the option; the base address gets its trailing slash.</summary>
    internal HttpKnowledgeBaseOptions Validated()
    {
        var uri = BaseAddress ?? throw new InvalidInputException("KB base URL", "is missing");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidInputException("KB base URL", "is not absolute");
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            // The API key travels in a header: in clear text only to this machine.
            throw new InvalidInputException("KB base URL", $"scheme {uri.Scheme} to {uri.Host} is refused: use https (http is allowed to a loopback host only)");
        }
        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidInputException("KB base URL", "must not carry user info, a query or a fragment (the API key comes from AGENT_DATA_API_KEY)");
        }
        Require(MaxAttempts is >= 1 and <= 20, nameof(MaxAttempts), $"{MaxAttempts} must be 1-20");
        Require(BaseDelay >= TimeSpan.Zero && BaseDelay <= TimeSpan.FromMinutes(5), nameof(BaseDelay), $"{BaseDelay} must be 0-5 minutes");
        Require(MaxDelay >= BaseDelay && MaxDelay <= TimeSpan.FromMinutes(5), nameof(MaxDelay), $"{MaxDelay} must be at least {nameof(BaseDelay)} and at most 5 minutes");
        // Polly's timeout strategy accepts 10 ms to 1 day.
        Require(PerAttemptTimeout >= TimeSpan.FromMilliseconds(10) && PerAttemptTimeout <= TimeSpan.FromHours(1), nameof(PerAttemptTimeout), $"{PerAttemptTimeout} must be 10 ms-1 h");
        Require(TotalTimeout >= PerAttemptTimeout && TotalTimeout <= TimeSpan.FromHours(1), nameof(TotalTimeout), $"{TotalTimeout} must be at least {nameof(PerAttemptTimeout)} and at most 1 h");
        Require(MaxDocumentBytes > 0, nameof(MaxDocumentBytes), $"{MaxDocumentBytes} must be positive");
        return uri.AbsoluteUri.EndsWith('/') ? this : this with { BaseAddress = new Uri(uri.AbsoluteUri + "/") };
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new InvalidInputException($"KB option {option}", problem);
        }
    }
}
