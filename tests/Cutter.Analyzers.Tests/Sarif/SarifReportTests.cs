using System.Text.Json.Nodes;
using Cutter.Analyzers.Tests.Support;
using Cutter.Scanning;
using Json.Schema;

namespace Cutter.Analyzers.Tests.Sarif;

/// <summary>
/// <c>cutter scan --format sarif</c> validates against the SARIF 2.1.0 schema (Sarif/sarif-2.1.0-subset.schema.json:
/// the standard's definitions of the objects written, with formats asserted), and a broken log is rejected by it.
/// </summary>
public sealed class SarifReportTests : IDisposable
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Sarif", "sarif-2.1.0-subset.schema.json"));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cutter-sarif-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task ScanWithFindingsAndErrors_IsValidSarif_WithEveryFindingAsAResult()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "prod.env"), "API_TOKEN=" + FakeValues.HighEntropy() + "\n");
        File.WriteAllText(Path.Combine(_root.FullName, "Ids.cs"), "class Ids { const string Doc = \"KB-2185\"; }\n");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "gone.yaml"), Path.Combine(_root.FullName, "missing.yaml"));
        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        var sarif = SarifReport.Write(result);

        var evaluation = Schema.Evaluate(JsonNode.Parse(sarif), Options);
        Assert.True(evaluation.IsValid, Errors(evaluation));
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        Assert.Equal(
            [("CUT002", "error", 1, 32, new Uri(Path.Combine(_root.FullName, "Ids.cs")).AbsoluteUri), ("CUT001", "error", 1, 11, new Uri(Path.Combine(_root.FullName, "prod.env")).AbsoluteUri)],
            run["results"]!.AsArray().Select(r => (
                (string)r!["ruleId"]!, (string)r["level"]!,
                (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!,
                (int)r["locations"]![0]!["physicalLocation"]!["region"]!["startColumn"]!,
                (string)r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!)).ToList());
        Assert.False((bool)run["invocations"]![0]!["executionSuccessful"]!);
        Assert.Equal(["CUT001", "CUT002", "CUT003"], run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => (string)r!["id"]!).ToList());
    }

    [Fact]
    public void CleanScan_IsValidSarif_WithNoResults()
    {
        var sarif = SarifReport.Write(new ScanResult([], 3, 1, []));
        var evaluation = Schema.Evaluate(JsonNode.Parse(sarif), Options);
        Assert.True(evaluation.IsValid, Errors(evaluation));
        Assert.Empty(JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray());
    }

    [Theory]
    [InlineData("\"version\": \"2.1.0\"", "\"version\": \"2.0.0\"")]
    [InlineData("\"startLine\": 1", "\"startLine\": 0")]
    [InlineData("\"executionSuccessful\": true", "\"executionSuccessful\": \"yes\"")]
    [InlineData("\"level\": \"error\"", "\"level\": \"fatal\"")]
    [InlineData("\"ruleId\"", "\"rule\"")]
    public void BrokenLog_IsRejectedBySchema(string valid, string broken)
    {
        var sarif = SarifReport.Write(new ScanResult([new ScanFinding("Ids.cs", 1, 5, "CUT002", "Hard-coded runtime id (KB document id): read it from configuration")], 1, 0, []));
        Assert.Contains(valid, sarif, StringComparison.Ordinal);
        var evaluation = Schema.Evaluate(JsonNode.Parse(sarif.Replace(valid, broken, StringComparison.Ordinal)), Options);
        Assert.False(evaluation.IsValid);
    }

    [Fact]
    public void RelativePaths_AreRelativeUriReferences()
    {
        Assert.Equal("src/My%20App/Settings.cs", SarifReport.ArtifactUri("src/My App/Settings.cs"));
        Assert.Equal("file:///srv/app/Settings.cs", SarifReport.ArtifactUri("/srv/app/Settings.cs"));
    }

    private static string Errors(EvaluationResults evaluation) =>
        string.Join("\n", evaluation.Details.Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
}
