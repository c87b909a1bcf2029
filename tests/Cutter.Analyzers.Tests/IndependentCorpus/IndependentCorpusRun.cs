using Cutter.Analyzers.Tests.Corpus;
using Cutter.Analyzers.Tests.Support;
using Cutter.Scanning;

namespace Cutter.Analyzers.Tests.IndependentCorpus;

/// <summary>
/// The independent corpus laid out as one C# file, one appsettings.json and one env file, analysed once by the
/// analyzer as the build runs it and once by <c>cutter scan</c>'s engine; shared by the tests of this folder so the
/// 900-odd cases cost one compilation each way.
/// </summary>
public sealed class IndependentCorpusRun : IAsyncLifetime
{
    internal IndependentCases Corpus { get; } = IndependentCases.Generate();

    internal CorpusDocuments Documents { get; private set; } = null!;

    /// <summary>(file, 1-based line, 1-based column, rule) per diagnostic of the analyzer run through CompilationWithAnalyzers.</summary>
    internal IReadOnlyList<(string Path, int Line, int Column, string RuleId)> FromBuild { get; private set; } = [];

    /// <summary>The same, from <see cref="SecretScanner"/> scanning the same three texts.</summary>
    internal IReadOnlyList<(string Path, int Line, int Column, string RuleId)> FromScan { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Documents = new CorpusDocuments(Corpus.Cases);
        var diagnostics = await AnalyzerRunner.RunAsync(Documents.CSharp,
            new InMemoryAdditionalText("appsettings.json", Documents.Json), new InMemoryAdditionalText("corpus.env", Documents.Env));
        FromBuild = diagnostics
            .Select(d => d.Location.GetLineSpan())
            .Zip(diagnostics, (span, d) => (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id))
            .Order().ToList();
        var scanner = new SecretScanner();
        FromScan = (await scanner.ScanTextAsync("Corpus.cs", Documents.CSharp))
            .Concat(await scanner.ScanTextAsync("appsettings.json", Documents.Json))
            .Concat(await scanner.ScanTextAsync("corpus.env", Documents.Env))
            .Select(f => (f.Path, f.Line, f.Column, f.RuleId))
            .Order().ToList();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The rules reported on each case's line, from the build's findings.</summary>
    internal Dictionary<CorpusCase, HashSet<string>> RulesByCase()
    {
        var byCase = new Dictionary<CorpusCase, HashSet<string>>();
        foreach (var (path, line, _, rule) in FromBuild)
        {
            var lines = path switch
            {
                "Corpus.cs" => Documents.CSharpLines,
                "appsettings.json" => Documents.JsonLines,
                _ => Documents.EnvLines,
            };
            if (!lines.TryGetValue(line, out var @case))
            {
                continue;
            }
            if (!byCase.TryGetValue(@case, out var rules))
            {
                byCase[@case] = rules = [];
            }
            rules.Add(rule);
        }
        return byCase;
    }
}
