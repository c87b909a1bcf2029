using System.Text;

namespace Cutter.Analyzers.Tests.Corpus;

/// <summary>
/// Lays the corpus out as one C# file, one appsettings.json and one env file, each case on its own line, so a
/// diagnostic's line number names its case. The same three texts go to the analyzer and to the run-time scanner.
/// </summary>
internal sealed class CorpusDocuments
{
    private const string CSharpPrelude = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.IO;
        using System.Text.RegularExpressions;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        static class Api
        {
            public static void Connect(string host, string password) { }
            public static void UseToken(string token) { }
            public static void Configure(string apiKey = "", string clientSecret = "", string dbPassword = "", string accessToken = "", string authToken = "", string privateKey = "", string signingKey = "", string secret = "", string webhookSecret = "", string encryptionKey = "", string passphrase = "", string sasToken = "", string credentials = "", string masterKey = "", string refreshToken = "", string apiSecret = "", string botToken = "", string password = "", string dB_PASSWORD = "") { }
            public static void Send(string payload) { }
            public static void Fetch(string document) { }
            public static void Verify(string digest) { }
        }
        static class Assert { public static void Equal(string expected, string actual) { } }
        """;

    public CorpusDocuments(IReadOnlyList<CorpusCase> cases)
    {
        var csharp = new StringBuilder(CSharpPrelude).Append('\n');
        var json = new StringBuilder("{\n");
        var env = new StringBuilder();
        var csharpLine = CountLines(CSharpPrelude) + 1;
        var jsonLine = 2;
        var envLine = 1;
        foreach (var @case in cases)
        {
            switch (@case.Kind)
            {
                case "member":
                    csharp.Append("partial class Case").Append(@case.Number).Append(" { ").Append(@case.Snippet).Append(" }\n");
                    CSharpLines[csharpLine++] = @case;
                    break;
                case "statement":
                    csharp.Append("class Case").Append(@case.Number)
                        .Append(" { string password = \"\", host = \"\", token = \"\", text = \"\", name = \"\", lane = \"\", runId = \"\", docId = \"\", baseUrl = \"\", root = \"\", actual = \"\", a = \"\", b = \"\", value = \"\"; byte[] bytes = []; Dictionary<string, string> settings = new(); void Use(Uri u) { } ")
                        .Append("void Run(ILogger logger, IConfiguration configuration) { ").Append(@case.Snippet).Append(" } }\n");
                    CSharpLines[csharpLine++] = @case;
                    break;
                case "json":
                    json.Append("  ").Append(@case.Snippet).Append('\n');
                    JsonLines[jsonLine++] = @case;
                    break;
                case "env":
                    env.Append(@case.Snippet).Append('\n');
                    EnvLines[envLine++] = @case;
                    break;
                default:
                    throw new InvalidDataException($"corpus case {@case.Number}: unknown kind '{@case.Kind}'");
            }
        }
        json.Append("  \"end\": true\n}\n");
        CSharp = csharp.ToString();
        Json = json.ToString();
        Env = env.ToString();
    }

    public string CSharp { get; }

    public string Json { get; }

    public string Env { get; }

    /// <summary>1-based line to case, per document.</summary>
    public Dictionary<int, CorpusCase> CSharpLines { get; } = [];

    public Dictionary<int, CorpusCase> JsonLines { get; } = [];

    public Dictionary<int, CorpusCase> EnvLines { get; } = [];

    private static int CountLines(string text) => text.Count(c => c == '\n') + 1;
}
