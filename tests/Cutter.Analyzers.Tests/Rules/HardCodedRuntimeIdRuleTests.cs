using static Cutter.Analyzers.Tests.Support.AnalyzerVerifier;

namespace Cutter.Analyzers.Tests.Rules;

/// <summary>CUT002: UUIDs used as ids, KB ids, host names, pinned digests; exact location and message; quiet look-alikes.</summary>
public sealed class HardCodedRuntimeIdRuleTests
{
    [Fact]
    public async Task GuidParseOfLiteral_ReportsTheLiteral()
    {
        await VerifyAsync("""
            class C
            {
                static readonly System.Guid RunId = System.Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
            }
            """, RuntimeId("UUID used as an id").WithSpan(3, 59, 3, 97));
    }

    [Theory]
    [InlineData("class C { System.Guid G = new System.Guid({|#0:\"{3F2504E0-4F89-11D3-9A0C-0305E82C3301}\"|}); }", "UUID used as an id")]
    [InlineData("class C { const string ReviewDecisionId = {|#0:\"c56a4180-65aa-42ec-a945-5fd21dec0538\"|}; }", "UUID used as an id")]
    [InlineData("class C { const string TargetDoc = {|#0:\"KB-2185\"|}; }", "KB document id")]
    [InlineData("class C { void M() { var s = new System.Collections.Generic.List<string> { {|#0:\"KB-77\"|} }; } }", "KB document id")]
    [InlineData("class C { const string ExpectedGrantMatrixSha = {|#0:\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"|}; }", "pinned SHA-256 value")]
    [InlineData("class C { const string BackupGpgFpr = {|#0:\"4F1A2B3C4D5E6F708192A3B4C5D6E7F801234567\"|}; }", "pinned fingerprint or digest bound to 'BackupGpgFpr'")]
    [InlineData("class C { const string ExpectedHost = {|#0:\"cutter-prod-01.corp.internal\"|}; }", "host name bound to 'ExpectedHost'")]
    [InlineData("class C { void M() { N(dbHost: {|#0:\"10.20.30.40\"|}); } void N(string dbHost) { } }", "host name bound to 'dbHost'")]
    [InlineData("class C { const string Conn = {|#0:\"Host=pg-prod-2.corp;Port=5432;Database=cutter\"|}; }", "host name in a connection string")]
    public async Task RuntimeIds_AreReportedWithTheirKind(string source, string description)
    {
        await VerifyAsync(source, RuntimeId(description).WithLocation(0));
    }

    [Theory]
    [InlineData("class C { System.Guid A = System.Guid.Empty; System.Guid B = System.Guid.NewGuid(); }")]
    [InlineData("class C { const string Nil = \"00000000-0000-0000-0000-000000000000\"; }")]
    [InlineData("class C { const string Format = \"KB-<digits> (for example KB-2185)\"; }")]
    [InlineData("class C { void M(string t) { throw new System.FormatException($\"'{t}' is not of the form KB-<digits>, e.g. KB-2185\"); } }")]
    [InlineData("class C { void M() { System.Console.WriteLine(\"run 3f2504e0-4f89-11d3-9a0c-0305e82c3301 paused\"); } }")]
    [InlineData("class C { const string Host = \"localhost\"; const string DbHost = \"127.0.0.1\"; const string ServerVariable = \"DOT_CUTTER_DB_HOST\"; }")]
    [InlineData("class C { const string HostKey = \"orchestrator:expected_host\"; const string Server = \"primary\"; }")]
    [InlineData("class C { const string Sql = \"SELECT * FROM cutter.unit WHERE run_id = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'\"; }")]
    [InlineData("[assembly: System.Runtime.InteropServices.Guid(\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\")] class C { }")]
    [InlineData("class C { static readonly System.Text.RegularExpressions.Regex Sha = new(\"^[0-9a-f]{64}$\"); }")]
    [InlineData("class C { string? M(Microsoft.Extensions.Configuration.IConfiguration c) => c[\"orchestrator:expected_grant_matrix_sha\"]; }")]
    public async Task LookAlikes_AreNotReported(string source)
    {
        await VerifyAsync(source);
    }

    [Fact]
    public async Task RuntimeIdInAppsettings_IsConfigurationsJob_NotReported()
    {
        const string json = "{\n  \"orchestrator\": {\n    \"expected_host\": \"cutter-prod-01.corp\",\n    \"expected_grant_matrix_sha\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n  }\n}\n";
        await VerifyAsync("class C { }", [("/0/appsettings.json", json)]);
    }
}
