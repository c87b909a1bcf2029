using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// Registers for the same nodes as the CUT analyzer and does nothing: its cost is the analyzer driver's own, which any
/// analyzer pays, so the difference to it is what the CUT rules themselves cost.
/// </summary>
// RS1036/RS1041/RS2008 guard shipped analyzers (banned APIs, netstandard target, release tracking); this one is
// instantiated in-process by the benchmark only and never loaded by a compiler.
#pragma warning disable RS1036, RS1041, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoOpLiteralAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH000", "never reported", "never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression, SyntaxKind.Utf8StringLiteralExpression, SyntaxKind.InterpolatedStringText);
    }
}
#pragma warning restore RS1036, RS1041, RS2008
