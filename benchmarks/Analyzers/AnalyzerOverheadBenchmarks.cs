using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cutter.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Cutter.Benchmarks.Analyzers;

/// <summary>
/// Cost of CUT001/CUT002 on a large generated code base: a full compile (parse, declare, bind every body; no emit,
/// which would only dilute the ratio) without analyzers is the baseline; the same compile driven through the analyzer
/// driver with <see cref="HardCodedValueAnalyzer"/> attached is measured against it.
/// Results and machine details: benchmarks/README.md.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AnalyzerJobConfig))]
public class AnalyzerOverheadBenchmarks
{
    private IReadOnlyList<string> _files = [];
    private ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [new HardCodedValueAnalyzer()];
    private readonly ImmutableArray<DiagnosticAnalyzer> _noOp = [new NoOpLiteralAnalyzer()];

    /// <summary>Generated files; each holds 10 classes of about 20 lines and 25 string literals (50 files: 10,000 lines, 12,500 literals).</summary>
    [Params(50)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = GeneratedCodeBase.Files(Files, classesPerFile: 10);
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        _references = [.. trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>Parse, declare and bind every file and report compiler diagnostics: what csc does before emitting.</summary>
    [Benchmark(Baseline = true, Description = "compile without analyzers")]
    public int CompileWithoutAnalyzers()
    {
        var diagnostics = Compile().GetDiagnostics();
        return Check(diagnostics);
    }

    /// <summary>The same compile through the analyzer driver with a do-nothing analyzer on the same nodes: the driver's share.</summary>
    [Benchmark(Description = "compile with a no-op literal analyzer")]
    public int CompileWithNoOpAnalyzer()
    {
        var withAnalyzers = Compile().WithAnalyzers(_noOp, new AnalyzerOptions([]));
        return Check(withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult());
    }

    /// <summary>The same compile driven through the analyzer driver, as csc runs it when analyzers are attached.</summary>
    [Benchmark(Description = "compile with CUT001/CUT002")]
    public int CompileWithAnalyzers()
    {
        var withAnalyzers = Compile().WithAnalyzers(_analyzers, new AnalyzerOptions([]));
        var diagnostics = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return Check(diagnostics);
    }

    private static int Check(ImmutableArray<Diagnostic> diagnostics)
    {
        var problem = diagnostics.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning);
        if (problem != null)
        {
            throw new InvalidOperationException($"the generated code base should compile clean, got {problem}");
        }
        return diagnostics.Length;
    }

    private CSharpCompilation Compile()
    {
        var trees = _files.Select(text => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest)));
        return CSharpCompilation.Create("Generated", trees, _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
