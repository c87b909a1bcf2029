using Cutter.Analyzers.Tests.Support;
using Cutter.Scanning;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Cutter.Analyzers.Tests.Corpus;

/// <summary>
/// The generated regression corpus (Corpus/cases.tsv, composed by compose_corpus.py from the same prefixes and lengths
/// the rules encode): it guards against regressions but measures the generator, not the rules. The measure is the
/// independent corpus (IndependentCorpus/, docs/analyzers/corpus.md).
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const double RequiredRecall = 0.95;
    private const double AllowedFalsePositiveRate = 0.02;

    [Fact]
    public void Corpus_HasAtLeast300CasesOfEveryLabel()
    {
        var cases = CorpusCase.Load();
        Assert.True(cases.Count >= 300, $"corpus has {cases.Count} cases");
        Assert.True(cases.Count(c => c.Expected == RuleIdentifiers.HardCodedSecret) >= 100);
        Assert.True(cases.Count(c => c.Expected == RuleIdentifiers.HardCodedRuntimeId) >= 60);
        Assert.True(cases.Count(c => c.Expected == CorpusCase.Clean) >= 100);
    }

    [Fact]
    public async Task Analyzer_MeetsRecallAndFalsePositiveTargets()
    {
        var cases = CorpusCase.Load();
        var documents = new CorpusDocuments(cases);
        var diagnostics = await AnalyzerRunner.RunAsync(documents.CSharp,
            new InMemoryAdditionalText("appsettings.json", documents.Json), new InMemoryAdditionalText("corpus.env", documents.Env));

        var predicted = new Dictionary<CorpusCase, HashSet<string>>();
        foreach (var diagnostic in diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            var lines = span.Path switch
            {
                "Corpus.cs" => documents.CSharpLines,
                "appsettings.json" => documents.JsonLines,
                _ => documents.EnvLines,
            };
            var @case = lines[span.StartLinePosition.Line + 1];
            if (!predicted.TryGetValue(@case, out var rules))
            {
                predicted[@case] = rules = [];
            }
            rules.Add(diagnostic.Id);
        }

        var score = Score(cases, c => predicted.TryGetValue(c, out var rules) ? rules : []);
        output.WriteLine(score.Report);
        Assert.True(score.SecretRecall >= RequiredRecall, score.Report);
        Assert.True(score.RuntimeIdRecall >= RequiredRecall, score.Report);
        Assert.True(score.FalsePositiveRate <= AllowedFalsePositiveRate, score.Report);
    }

    [Fact]
    public async Task Scanner_ReportsTheSameFindingsAsTheAnalyzer()
    {
        var documents = new CorpusDocuments(CorpusCase.Load());
        var diagnostics = await AnalyzerRunner.RunAsync(documents.CSharp,
            new InMemoryAdditionalText("appsettings.json", documents.Json), new InMemoryAdditionalText("corpus.env", documents.Env));
        var fromAnalyzer = diagnostics
            .Select(d => (Path: d.Location.GetLineSpan().Path, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();

        var scanner = new SecretScanner();
        var fromScanner = (await scanner.ScanTextAsync("Corpus.cs", documents.CSharp))
            .Concat(await scanner.ScanTextAsync("appsettings.json", documents.Json))
            .Concat(await scanner.ScanTextAsync("corpus.env", documents.Env))
            .Select(f => (f.Path, f.Line, Id: f.RuleId, f.Message))
            .ToHashSet();

        var onlyAnalyzer = fromAnalyzer.Except(fromScanner).OrderBy(f => f.Path).ThenBy(f => f.Line).ToList();
        var onlyScanner = fromScanner.Except(fromAnalyzer).OrderBy(f => f.Path).ThenBy(f => f.Line).ToList();
        output.WriteLine($"analyzer {fromAnalyzer.Count} findings, scanner {fromScanner.Count}, only analyzer {onlyAnalyzer.Count}, only scanner {onlyScanner.Count}");
        foreach (var f in onlyAnalyzer) output.WriteLine($"  only analyzer: {f}");
        foreach (var f in onlyScanner) output.WriteLine($"  only scanner:  {f}");

        Assert.Empty(onlyScanner);
        Assert.Empty(onlyAnalyzer);
    }

    private static CorpusScore Score(IReadOnlyList<CorpusCase> cases, Func<CorpusCase, HashSet<string>> predict)
    {
        var report = new System.Text.StringBuilder();
        int secrets = 0, secretsFound = 0, ids = 0, idsFound = 0, clean = 0, falsePositives = 0;
        foreach (var @case in cases)
        {
            var rules = predict(@case);
            switch (@case.Expected)
            {
                case RuleIdentifiers.HardCodedSecret:
                    secrets++;
                    if (rules.Contains(RuleIdentifiers.HardCodedSecret)) secretsFound++;
                    else report.AppendLine($"  missed secret #{@case.Number} ({@case.Kind}) got [{string.Join(",", rules)}]: {Mask(@case.Snippet)}");
                    break;
                case RuleIdentifiers.HardCodedRuntimeId:
                    ids++;
                    if (rules.Contains(RuleIdentifiers.HardCodedRuntimeId)) idsFound++;
                    else report.AppendLine($"  missed runtime id #{@case.Number} ({@case.Kind}) got [{string.Join(",", rules)}]: {@case.Snippet}");
                    break;
                default:
                    clean++;
                    if (rules.Count > 0)
                    {
                        falsePositives++;
                        report.AppendLine($"  false positive #{@case.Number} ({@case.Kind}) [{string.Join(",", rules)}]: {@case.Snippet}");
                    }
                    break;
            }
        }
        var score = new CorpusScore((double)secretsFound / secrets, (double)idsFound / ids, (double)falsePositives / clean, "");
        var summary = $"corpus: {cases.Count} cases; secrets recall {secretsFound}/{secrets} = {score.SecretRecall:P1}; "
            + $"runtime ids recall {idsFound}/{ids} = {score.RuntimeIdRecall:P1}; false positives {falsePositives}/{clean} = {score.FalsePositiveRate:P1}";
        return score with { Report = summary + Environment.NewLine + report };
    }

    /// <summary>Keeps test logs free of the (fake) secret values: only the first characters are shown.</summary>
    private static string Mask(string snippet) => snippet.Length <= 40 ? snippet : snippet[..40] + "…";

    private sealed record CorpusScore(double SecretRecall, double RuntimeIdRecall, double FalsePositiveRate, string Report);
}
