using Cutter.Analyzers.CodeFixes;
using Cutter.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Cutter.Analyzers.Tests.Rules;

/// <summary>The CUT001/CUT002 fix: literal → environment lookup named after the symbol, const → static readonly.</summary>
public sealed class EnvironmentLookupCodeFixTests
{
    [Fact]
    public async Task ConstSecretField_BecomesStaticReadonlyEnvironmentLookup()
    {
        var value = FakeValues.HighEntropy();
        await VerifyFixAsync(
            $$"""
            class C
            {
                private const string ApiKey = {|#0:"{{value}}"|};
            }
            """,
            """
            class C
            {
                private static readonly string ApiKey = System.Environment.GetEnvironmentVariable("API_KEY") ?? throw new System.InvalidOperationException("API_KEY is not set");
            }
            """,
            AnalyzerVerifier.Secret("high-entropy value bound to 'ApiKey'").WithLocation(0));
    }

    [Fact]
    public async Task HostInLocal_IsReadFromTheEnvironment()
    {
        await VerifyFixAsync(
            """
            class C
            {
                string M()
                {
                    var expectedHost = {|#0:"cutter-prod-01.corp.internal"|};
                    return expectedHost;
                }
            }
            """,
            """
            class C
            {
                string M()
                {
                    var expectedHost = System.Environment.GetEnvironmentVariable("EXPECTED_HOST") ?? throw new System.InvalidOperationException("EXPECTED_HOST is not set");
                    return expectedHost;
                }
            }
            """,
            AnalyzerVerifier.RuntimeId("host name bound to 'expectedHost'").WithLocation(0));
    }

    [Theory]
    [InlineData("apiKey", "API_KEY")]
    [InlineData("DB_PASSWORD", "DB_PASSWORD")]
    [InlineData("ExpectedGrantMatrixSha", "EXPECTED_GRANT_MATRIX_SHA")]
    [InlineData(null, "CUTTER_VALUE")]
    public void EnvironmentName_IsUpperSnakeOfTheSymbol(string? symbol, string expected)
    {
        Assert.Equal(expected, EnvironmentLookupCodeFixProvider.EnvironmentName(symbol));
    }

    private static async Task VerifyFixAsync(string source, string fixedSource, DiagnosticResult expected)
    {
        var test = new CSharpCodeFixTest<HardCodedValueAnalyzer, EnvironmentLookupCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = PlatformReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(PlatformReferences.All);
        test.FixedState.AdditionalReferences.AddRange(PlatformReferences.All);
        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }
}
