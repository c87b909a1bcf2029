using Cutter.Analyzers.Tests.Support;

namespace Cutter.Analyzers.Tests.Rules;

/// <summary>CUT003: a suppression of a CUT rule must say why; the rest of the suppressions are left alone.</summary>
public sealed class UnjustifiedSuppressionRuleTests
{
    [Fact]
    public async Task UnjustifiedSuppressions_AreReported_AtTheSuppression()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            class C
            {
                [SuppressMessage("Reliability", "CUT002")]
                const string A = "x";
                [SuppressMessage("Security", "CUT001:Hard-coded secret", Justification = " ")]
                const string B = "x";
                [SuppressMessage("Security", "CUT001", Justification = "<Pending>")]
                const string D = "x";
            #pragma warning disable CUT002
                const string E = "x";
            #pragma warning restore CUT002
            #pragma warning disable CUT001, CUT002 //
                const string F = "x";
            #pragma warning restore CUT001, CUT002
            }
            """;

        var diagnostics = await AnalyzerRunner.RunAsync(source);

        Assert.Equal(
        [
            (4, "Suppression of CUT002 without a justification: add Justification = \"why this is not a secret or runtime id\""),
            (6, "Suppression of CUT001 without a justification: add Justification = \"why this is not a secret or runtime id\""),
            (8, "Suppression of CUT001 without a justification: add Justification = \"why this is not a secret or runtime id\""),
            (10, "Suppression of CUT002 without a justification: add '// why this is not a secret or runtime id' after the rule ids"),
            (13, "Suppression of CUT001 without a justification: add '// why this is not a secret or runtime id' after the rule ids"),
            (13, "Suppression of CUT002 without a justification: add '// why this is not a secret or runtime id' after the rule ids"),
        ], diagnostics.Where(d => d.Id == RuleIdentifiers.UnjustifiedSuppression)
            .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(d => d.Item1).ThenBy(d => d.Item2, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task JustifiedSuppressions_AndOtherAnalyzersSuppressions_AreNotReported()
    {
        const string source = """
            using System.Diagnostics.CodeAnalysis;
            class C
            {
                private const string Why = "RFC 4122 namespace UUID";
                [SuppressMessage("Reliability", "CUT002", Justification = "KB-0 is the reserved 'no document' id")]
                const string A = "x";
                [SuppressMessage("Reliability", "CUT002", Justification = Why)]
                const string B = "x";
                [SuppressMessage("Style", "IDE0060")]
                const string D = "x";
            #pragma warning disable CUT002 // a published constant, not a runtime id
                const string E = "x";
            #pragma warning restore CUT002
            #pragma warning disable CS0414
                const string F = "x";
            #pragma warning restore CS0414
            }
            """;

        var diagnostics = await AnalyzerRunner.RunAsync(source);

        Assert.DoesNotContain(diagnostics, d => d.Id == RuleIdentifiers.UnjustifiedSuppression);
    }

    [Fact]
    public async Task CutterScan_ReportsCut003LikeTheBuild()
    {
        var findings = await new Cutter.Scanning.SecretScanner().ScanTextAsync("C.cs", "class C\n{\n#pragma warning disable CUT001\n}\n");
        var finding = Assert.Single(findings);
        Assert.Equal(("C.cs", 3, 1, "CUT003"), (finding.Path, finding.Line, finding.Column, finding.RuleId));
    }
}
