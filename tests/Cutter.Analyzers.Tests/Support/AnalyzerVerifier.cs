using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Cutter.Analyzers.Tests.Support;

/// <summary>Runs <see cref="HardCodedValueAnalyzer"/> on source (and optional additional files) and checks diagnostics exactly.</summary>
internal static class AnalyzerVerifier
{
    public static DiagnosticResult Secret(string description) =>
        new DiagnosticResult(RuleIdentifiers.HardCodedSecret, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments(description);

    public static DiagnosticResult RuntimeId(string description) =>
        new DiagnosticResult(RuleIdentifiers.HardCodedRuntimeId, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments(description);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, [], expected);

    public static async Task VerifyAsync(string source, (string Path, string Text)[] additionalFiles, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<HardCodedValueAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = PlatformReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(PlatformReferences.All);
        foreach (var file in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add(file);
        }
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
