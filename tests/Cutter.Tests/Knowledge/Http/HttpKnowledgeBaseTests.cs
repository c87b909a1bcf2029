using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Knowledge.Http;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Knowledge.Http;

/// <summary>The HTTP KB client against a real KB API server on loopback, with faults injected by the server.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class HttpKnowledgeBaseTests : IAsyncLifetime
{
    // Generated per test run: a key-like literal would be a secret in code (CUT001).
    private readonly string _apiKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
    private readonly CapturingLogger _log = new();
    private KbTestServer _server = null!;

    public async Task InitializeAsync() => _server = await KbTestServer.StartAsync(_apiKey);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Short timings so the suite stays fast: 4 attempts, 20-100 ms waits, 400 ms per attempt, 5 s in all.</summary>
    private HttpKnowledgeBaseOptions Fast => new(_server.BaseAddress)
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        PerAttemptTimeout = TimeSpan.FromMilliseconds(400),
        TotalTimeout = TimeSpan.FromSeconds(5),
    };

    private static readonly KbFault BeyondTheAttemptTimeout = new KbFault.Slow(TimeSpan.FromSeconds(3));

    private HttpKnowledgeBase Client(HttpKnowledgeBaseOptions? options = null, string? apiKey = null) =>
        new(options ?? Fast, name => name == EnvironmentNames.KbApiKey ? apiKey ?? _apiKey : null, _log);

    private static byte[] Doc(string title) =>
        Encoding.UTF8.GetBytes(KbFrontMatter.Render([new("title", title), new("kind", "report")]) + "Body.\n");

    private int Seen(string method, string path) => _server.Requests.Count(r => r.Method == method && r.Path == path);

    [Fact]
    public async Task Create_get_signature_exists_and_list_round_trip_the_exact_bytes()
    {
        using var kb = Client();

        var first = await kb.CreateAsync(Doc("one"), "run-a/phase-1");
        var second = await kb.CreateAsync(Doc("two"), "run-a/phase-2");
        await kb.PutSignatureAsync(second, "-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n");

        Assert.Equal(["KB-1", "KB-2"], new[] { first.Value, second.Value });
        var one = await kb.GetAsync(first);
        Assert.Equal(Doc("one"), one.Raw);
        Assert.Equal("one", one.FrontMatter["title"]);
        Assert.Null(one.Signature);
        Assert.Equal("-----BEGIN SSH SIGNATURE-----\nabc\n-----END SSH SIGNATURE-----\n", (await kb.GetAsync(second)).Signature);
        Assert.True(await kb.ExistsAsync(second));
        Assert.False(await kb.ExistsAsync(KbDocId.Parse("KB-77")));
        Assert.Equal(["KB-1", "KB-2"], (await kb.ListAsync()).Select(i => i.Value).ToArray());
        Assert.All(_server.Requests, r => Assert.True(r.Authorized));
    }

    [Fact]
    public async Task A_missing_doc_is_not_found_and_not_retried()
    {
        using var kb = Client();

        var get = await Assert.ThrowsAsync<KbDocumentNotFoundException>(() => kb.GetAsync(KbDocId.Parse("KB-404")));
        var sign = await Assert.ThrowsAsync<KbDocumentNotFoundException>(() => kb.PutSignatureAsync(KbDocId.Parse("KB-405"), "sig\n"));

        Assert.Equal("KB-404", get.Id.Value);
        Assert.Equal("KB-405", sign.Id.Value);
        Assert.Equal(1, Seen("GET", "/docs/KB-404"));
        Assert.Equal(1, Seen("PUT", "/docs/KB-405/signature"));
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_id_and_stores_one_doc()
    {
        using var kb = Client();

        var first = await kb.CreateAsync(Doc("report"), "run-b/phase-3");
        var again = await kb.CreateAsync(Doc("report, rewritten"), "run-b/phase-3");

        Assert.Equal(first, again);
        Assert.Equal(1, _server.DocumentCount);
        Assert.Equal(Doc("report"), _server.Document(first.Value));
    }

    [Fact]
    public async Task Three_500s_are_ridden_out_and_the_server_sees_four_attempts()
    {
        using var kb = Client();
        _server.Faults.Next(KbFault.Status500, times: 3);

        var id = await kb.CreateAsync(Doc("report"), "run-c/phase-1");

        Assert.Equal("KB-1", id.Value);
        Assert.Equal(4, Seen("POST", "/docs"));
        Assert.All(_server.Requests, r => Assert.Equal("run-c/phase-1", r.IdempotencyKey));
        Assert.Equal(["fault: Status { Code = 500 }", "fault: Status { Code = 500 }", "fault: Status { Code = 500 }", "answered"], _server.Requests.Select(r => r.Outcome).ToArray());
        Assert.Equal(3, _log.Lines.Count(l => l.StartsWith("Warning: KB create idempotency key run-c/phase-1: attempt ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Transient_statuses_are_retried(int status)
    {
        using var kb = Client();
        var seeded = await kb.CreateAsync(Doc("seed"), "seed");
        _server.Faults.Next(new KbFault.Status(status), times: 2);

        var doc = await kb.GetAsync(seeded);

        Assert.Equal(Doc("seed"), doc.Raw);
        Assert.Equal(3, Seen("GET", "/docs/KB-1"));
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_is_abandoned_and_retried()
    {
        using var kb = Client();
        var seeded = await kb.CreateAsync(Doc("seed"), "seed");
        _server.Faults.Next(BeyondTheAttemptTimeout, when: r => r.Path == "/docs/KB-1");
        var clock = Stopwatch.StartNew();

        var doc = await kb.GetAsync(seeded);

        Assert.Equal(Doc("seed"), doc.Raw);
        Assert.Equal(2, Seen("GET", "/docs/KB-1"));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Dropped_connections_are_ridden_out()
    {
        using var kb = Client();
        _server.Faults.Next(new KbFault.Drop(), times: 2);

        var id = await kb.CreateAsync(Doc("report"), "run-d/phase-1");

        Assert.Equal("KB-1", id.Value);
        Assert.Equal(3, Seen("POST", "/docs"));
        Assert.Equal(1, _server.DocumentCount);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_retried_with_the_same_key_and_makes_exactly_one_doc()
    {
        using var kb = Client();
        _server.Faults.Next(new KbFault.LoseResponse(), times: 2);

        var id = await kb.CreateAsync(Doc("report"), "run-e/phase-5");

        Assert.Equal("KB-1", id.Value);
        Assert.Equal(3, Seen("POST", "/docs"));
        Assert.Equal([("run-e/phase-5", "KB-1")], _server.Creations);
        Assert.Equal(1, _server.DocumentCount);
    }

    [Fact]
    public async Task Persistent_500s_surface_KbUnavailable_after_the_configured_attempts_within_the_total_time()
    {
        using var kb = Client();
        _server.Faults.FailPersistently(KbFault.Status500);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.CreateAsync(Doc("report"), "run-f/phase-2"));

        Assert.True(clock.Elapsed < Fast.TotalTimeout, $"took {clock.Elapsed}");
        Assert.Equal(4, Seen("POST", "/docs"));
        Assert.Equal(0, _server.DocumentCount);
        Assert.Equal("create", ex.Operation);
        Assert.Equal("idempotency key run-f/phase-2", ex.Target);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.Status);
        Assert.Equal("KB create idempotency key run-f/phase-2 failed after 4 attempts: HTTP 500 Internal Server Error, expected 201: retries ran out", ex.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_when_the_total_time_runs_out()
    {
        var options = Fast with { MaxAttempts = 20, PerAttemptTimeout = TimeSpan.FromMilliseconds(300), TotalTimeout = TimeSpan.FromSeconds(1) };
        using var kb = Client(options);
        _server.Faults.FailPersistently(BeyondTheAttemptTimeout);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.ExistsAsync(KbDocId.Parse("KB-9")));

        // The timer that ends the total time can fire a millisecond before this stopwatch reads 1 s (seen: 0.9990 s).
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(2));
        Assert.Equal("exists", ex.Operation);
        Assert.Equal("KB-9", ex.Target);
        Assert.Null(ex.Status);
        // Usually 2-4 attempts of 300 ms; on a loaded machine a cold first attempt (JIT, first connection) can take the
        // whole second, and the total time still ends it: what is asserted is that the total time bounds the call.
        Assert.InRange(ex.Attempts, 1, 4);
        // The last attempts may be cut off by the total timeout before a starved server has read them.
        Assert.InRange(Seen("GET", "/docs/KB-9"), 1, ex.Attempts);
        // Whichever timer's exception comes first (the attempt's, the total's, the client's backstop), the cause named
        // is the total time: the attempts had not run out.
        Assert.StartsWith($"KB exists KB-9 failed after {ex.Attempts} attempt{(ex.Attempts == 1 ? "" : "s")}: no answer within the total time of 1 s (",
            ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attempts_that_each_time_out_name_the_per_attempt_timeout_when_they_run_out_within_the_total_time()
    {
        var options = Fast with { MaxAttempts = 2, PerAttemptTimeout = TimeSpan.FromMilliseconds(300) };
        using var kb = Client(options);
        _server.Faults.FailPersistently(BeyondTheAttemptTimeout);

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.ExistsAsync(KbDocId.Parse("KB-9")));

        Assert.Equal(2, ex.Attempts);
        Assert.Null(ex.Status);
        Assert.StartsWith("KB exists KB-9 failed after 2 attempts: no answer within the per-attempt timeout of 0.3 s (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_whose_body_stalls_is_ended_by_the_client_timeout_and_says_the_answer_did_not_complete()
    {
        // A whole second for the headers, so even a starved server answers them on the first attempt.
        var options = Fast with { PerAttemptTimeout = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(1) };
        using var kb = Client(options);
        _server.Faults.FailPersistently(new KbFault.StallBody(TimeSpan.FromSeconds(5)));

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.ExistsAsync(KbDocId.Parse("KB-9")));

        // The headers came in time, so the pipeline did not retry; the body is bounded by total + per-attempt time.
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, Seen("GET", "/docs/KB-9"));
        Assert.StartsWith("KB exists KB-9 failed after 1 attempt: no complete answer within 2 s (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persistently_dropped_connection_surfaces_KbUnavailable_naming_the_doc()
    {
        using var kb = Client();
        _server.Faults.FailPersistently(new KbFault.Drop());

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.GetAsync(KbDocId.Parse("KB-12")));

        Assert.Equal(4, ex.Attempts);
        Assert.Equal(4, Seen("GET", "/docs/KB-12"));
        Assert.Equal("get", ex.Operation);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task A_wrong_api_key_is_401_and_never_retried()
    {
        var wrongKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
        using var kb = Client(apiKey: wrongKey);

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.CreateAsync(Doc("report"), "run-g/phase-1"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(["unauthorized"], _server.Requests.Select(r => r.Outcome).ToArray());
        Assert.Equal("KB create idempotency key run-g/phase-1 failed after 1 attempt: HTTP 401 Unauthorized, expected 201: the KB refused the credentials (check AGENT_DATA_API_KEY); not retried", ex.Message);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(409)]
    [InlineData(413)]
    public async Task Other_4xx_answers_are_never_retried(int status)
    {
        using var kb = Client();
        _server.Faults.Next(new KbFault.Status(status), times: 3);

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.CreateAsync(Doc("report"), "run-h/phase-1"));

        Assert.Equal(status, (int)ex.Status!.Value);
        Assert.Equal(1, Seen("POST", "/docs"));
    }

    [Fact]
    public async Task The_api_key_appears_in_no_log_line_exception_or_string()
    {
        var options = Fast with { TotalTimeout = TimeSpan.FromSeconds(1) };
        using var kb = Client(options);
        var failures = new List<Exception>();
        _server.Faults.FailPersistently(KbFault.Status500);
        failures.Add(await Assert.ThrowsAsync<KbUnavailableException>(() => kb.CreateAsync(Doc("a"), "run-i/phase-1")));
        _server.Faults.FailPersistently(new KbFault.Drop());
        failures.Add(await Assert.ThrowsAsync<KbUnavailableException>(() => kb.GetAsync(KbDocId.Parse("KB-1"))));
        _server.Faults.FailPersistently(BeyondTheAttemptTimeout);
        failures.Add(await Assert.ThrowsAsync<KbUnavailableException>(() => kb.ListAsync()));
        _server.Faults.Recover();
        using var unauthorized = Client(options, apiKey: _apiKey + "0");
        failures.Add(await Assert.ThrowsAsync<KbUnavailableException>(() => unauthorized.ExistsAsync(KbDocId.Parse("KB-1"))));

        Assert.NotEmpty(_log.Lines);
        Assert.All(_log.Lines, line => Assert.DoesNotContain(_apiKey, line, StringComparison.Ordinal));
        Assert.All(failures, ex => Assert.DoesNotContain(_apiKey, ex.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(_apiKey, kb.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_apiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Equal($"HttpKnowledgeBase({_server.BaseAddress})", kb.ToString());
    }

    [Fact]
    public void A_missing_api_key_is_refused_naming_the_variable()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new HttpKnowledgeBase(Fast, _ => null, _log));

        Assert.Equal($"AGENT_DATA_API_KEY: is not set; the KB API at {_server.BaseAddress} needs it", ex.Message);
    }

    [Theory]
    [InlineData("http://kb.example/api/", "KB base URL: scheme http to kb.example is refused: use https (http is allowed to a loopback host only)")]
    [InlineData("https://user:pw@kb.example/api/", "KB base URL: must not carry user info, a query or a fragment (the API key comes from AGENT_DATA_API_KEY)")]
    [InlineData("https://kb.example/api/?tenant=7", "KB base URL: must not carry user info, a query or a fragment (the API key comes from AGENT_DATA_API_KEY)")]
    [InlineData("kb.example/api", "orchestrator.kb_url: is not an absolute URL (for example https://kb.example/api/)")]
    public void Unsafe_or_malformed_base_urls_are_refused(string url, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => HttpKnowledgeBase.Open(url, "orchestrator.kb_url", _ => _apiKey, _log));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_naming_the_option()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Client(Fast with { TotalTimeout = TimeSpan.FromMilliseconds(100) }));

        Assert.Equal("KB option TotalTimeout: 00:00:00.1000000 must be at least PerAttemptTimeout and at most 1 h", ex.Message);
    }

    [Fact]
    public async Task With_one_attempt_a_500_is_not_retried()
    {
        // An attempt time long enough for a cold first request on a loaded machine: this is about the 500, not a timeout.
        using var kb = Client(Fast with { MaxAttempts = 1, PerAttemptTimeout = TimeSpan.FromSeconds(4) });
        _server.Faults.Next(KbFault.Status500);

        var ex = await Assert.ThrowsAsync<KbUnavailableException>(() => kb.ListAsync());

        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, Seen("GET", "/docs?prefix=KB-"));
    }

    [Fact]
    public void The_configuration_selects_the_KB_API_when_kb_url_or_AGENT_DATA_API_URL_is_set_and_the_folder_otherwise()
    {
        using var folder = new Support.TempFolder();
        string? Env(string name) => name == EnvironmentNames.KbApiKey ? _apiKey : null;

        var byUrl = KnowledgeBaseSelection.Open(new OrchestratorSettings { KbRoot = folder.Path, KbUrl = _server.BaseAddress.AbsoluteUri }, Env, _log);
        var byEnvironment = KnowledgeBaseSelection.Open(new OrchestratorSettings(),
            name => name == EnvironmentNames.KbApiUrl ? _server.BaseAddress.AbsoluteUri : Env(name), _log);
        var byFolder = KnowledgeBaseSelection.Open(new OrchestratorSettings { KbRoot = folder.Path }, Env, _log);
        var none = Assert.Throws<InvalidInputException>(() => KnowledgeBaseSelection.Open(new OrchestratorSettings(), Env, _log));

        Assert.Equal(_server.BaseAddress, Assert.IsType<HttpKnowledgeBase>(byUrl).BaseAddress);
        Assert.Equal(_server.BaseAddress, Assert.IsType<HttpKnowledgeBase>(byEnvironment).BaseAddress);
        Assert.IsType<FolderKnowledgeBase>(byFolder);
        Assert.Equal("orchestrator.kb_root: is not configured (nor orchestrator.kb_url or AGENT_DATA_API_URL for the KB API)", none.Message);
        ((IDisposable)byUrl).Dispose();
        ((IDisposable)byEnvironment).Dispose();
    }
}
