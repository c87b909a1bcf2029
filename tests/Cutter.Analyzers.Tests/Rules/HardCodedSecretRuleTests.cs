using Cutter.Analyzers.Tests.Support;
using static Cutter.Analyzers.Tests.Support.AnalyzerVerifier;

namespace Cutter.Analyzers.Tests.Rules;

/// <summary>CUT001: exact location and message for each binding shape, and the look-alikes that must stay quiet.</summary>
public sealed class HardCodedSecretRuleTests
{
    [Fact]
    public async Task GitHubTokenInField_ReportsTheLiteral()
    {
        var token = FakeValues.GitHubToken();
        await VerifyAsync($$"""
            class C
            {
                private readonly string _t = {|#0:"{{token}}"|};
            }
            """, Secret("GitHub token").WithLocation(0));
    }

    [Fact]
    public async Task AwsKeyInLocal_ReportsLineAndColumn()
    {
        var key = FakeValues.AwsAccessKeyId();
        await VerifyAsync($$"""
            class C
            {
                void M()
                {
                    var id = "{{key}}";
                }
            }
            """, Secret("AWS access key id").WithSpan(5, 18, 5, 40));
    }

    [Theory]
    [InlineData("class C { const string ApiKey = {|#0:\"VALUE\"|}; }", "ApiKey")]
    [InlineData("class C { string Password { get; } = {|#0:\"VALUE\"|}; }", "Password")]
    [InlineData("class C { void M(string clientSecret = {|#0:\"VALUE\"|}) { } }", "clientSecret")]
    [InlineData("class C { void M() { N(token: {|#0:\"VALUE\"|}); } void N(string token) { } }", "token")]
    [InlineData("class C { void M() { N({|#0:\"VALUE\"|}); } void N(string accessKey) { } }", "accessKey")]
    [InlineData("class C { void M() { var d = new System.Collections.Generic.Dictionary<string, string> { [\"apiKey\"] = {|#0:\"VALUE\"|} }; } }", "apiKey")]
    [InlineData("class C { void M() { var d = new System.Collections.Generic.Dictionary<string, string> { { \"db_password\", {|#0:\"VALUE\"|} } }; } }", "db_password")]
    [InlineData("class C { void M(System.Collections.Generic.Dictionary<string, string> d) { d[\"signingKey\"] = {|#0:\"VALUE\"|}; } }", "signingKey")]
    [InlineData("class O { public string Secret { get; set; } = \"\"; } class C { O M() => new O { Secret = {|#0:\"VALUE\"|} }; }", "Secret")]
    [InlineData("class C { object M() => new { AuthToken = {|#0:\"VALUE\"|} }; }", "AuthToken")]
    [InlineData("class C { string M(string? x) { var passphrase = x ?? {|#0:\"VALUE\"|}; return passphrase; } }", "passphrase")]
    public async Task HighEntropyValueBoundToSecretName_IsReportedWithTheName(string template, string name)
    {
        var source = template.Replace("VALUE", FakeValues.HighEntropy(), StringComparison.Ordinal);
        await VerifyAsync(source, Secret($"high-entropy value bound to '{name}'").WithLocation(0));
    }

    [Fact]
    public async Task SecretInInterpolatedText_ReportsTheTextPart()
    {
        var token = FakeValues.StripeLiveKey();
        await VerifyAsync($$$"""
            class C
            {
                string M(string user) => $"{user}{|#0: uses {{{token}}}|}";
            }
            """, Secret("Stripe secret key").WithLocation(0));
    }

    [Theory]
    [InlineData("class C { const string PasswordVariable = \"DOT_CUTTER_EXEC_DB_PASSWORD\"; }")]
    [InlineData("class C { const string ApiKey = \"AGENT_DATA_API_KEY\"; }")]
    [InlineData("class C { string? M() => System.Environment.GetEnvironmentVariable(\"DOT_CUTTER_VERIFY_DB_PASSWORD\"); }")]
    [InlineData("class C { const string Password = \"<password>\"; }")]
    [InlineData("class C { const string Password = \"changeme\"; }")]
    [InlineData("class C { const string Token = \"${API_TOKEN}\"; }")]
    [InlineData("class C { string password = \"\"; string M() => nameof(password); }")]
    [InlineData("class C { void M() { System.Console.WriteLine(\"password rejected for user; token expired\"); } }")]
    [InlineData("class C { void M(string p) { throw new System.ArgumentException(\"the password must be 12+ characters\", nameof(p)); } }")]
    [InlineData("class C { static readonly System.Text.RegularExpressions.Regex R = new(\"(?i)password\\\\s*=\\\\s*([^;]+)\"); }")]
    [InlineData("class C { const string Sql = \"ALTER ROLE cutter_exec WITH PASSWORD $1\"; }")]
    [InlineData("class C { const string SecretName = \"KeyVault-Secret-42\"; }")]
    [InlineData("class C { const string TokenHeader = \"X-Api-Token\"; }")]
    [InlineData("class C { const string PasswordFile = \"/etc/cutter/db.password\"; }")]
    // A hash in a comment is not a literal: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    [InlineData("class C { int x = 1; // 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n }")]
    public async Task LookAlikes_AreNotReported(string source)
    {
        await VerifyAsync(source);
    }

    [Fact]
    public async Task SecretInAppsettings_ReportsFileLineAndColumn()
    {
        var value = FakeValues.HighEntropy();
        var json = "{\n  \"Db\": {\n    \"Password\": \"" + value + "\"\n  }\n}\n";
        await VerifyAsync("class C { }", [("/0/appsettings.json", json)],
            Secret("high-entropy value bound to 'Password'").WithSpan("/0/appsettings.json", 3, 18, 3, 42));
    }

    [Fact]
    public async Task SecretInEnvFile_ReportsFileLineAndColumn()
    {
        var key = FakeValues.AwsAccessKeyId();
        var env = "# cutter\nAWS_ACCESS_KEY_ID=" + key + "\nDOT_CUTTER_DB_PASSWORD=${FROM_VAULT}\n";
        await VerifyAsync("class C { }", [("/0/prod.env", env)],
            Secret("AWS access key id").WithSpan("/0/prod.env", 2, 19, 2, 39));
    }
}
