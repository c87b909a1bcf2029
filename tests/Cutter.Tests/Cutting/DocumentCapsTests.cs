using System.Text;
using Cutter.Configuration;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Tests.Orchestration.Prechecks;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>
/// The document caps are configuration (orchestrator.max_*): the defaults refuse what they always did, the refusal names
/// the key to raise, and with the key raised the same document is cut, through the real `cutter plan` and in process.
/// </summary>
public sealed class DocumentCapsTests : IDisposable
{
    private const string DocumentKeyOverride = "CUTTER_orchestrator__max_document_bytes";
    private const int Articles = 150;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>150 articles of one ~60 KB paragraph each: 9 MB, over the 8 MiB default, with every line and unit under their caps.</summary>
    private static string LargeDocument()
    {
        var paragraph = string.Concat(Enumerable.Repeat("The members keep a public record of every rule they follow. ", 1_000));
        var text = new StringBuilder(TestDocuments.Header());
        for (var a = 1; a <= Articles; a++)
        {
            text.Append("## Article ").Append(a).Append("\n\n").Append(paragraph).Append("\n\n");
        }
        return text.ToString();
    }

    private string WriteLargeDocument()
    {
        var path = Path.Combine(_dir.Path, "large.md");
        File.WriteAllText(path, LargeDocument());
        Assert.True(new FileInfo(path).Length > DocumentCaps.DefaultMaxDocumentBytes);
        return path;
    }

    [Fact]
    public async Task Plan_DocumentOverTheDefaultCap_IsRefused_NamingTheKeyToRaise()
    {
        var path = WriteLargeDocument();

        var result = await CutterProcess.RunIsolatedAsync(new Dictionary<string, string?>(), _dir.Path, "plan", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: is {new FileInfo(path).Length} bytes; the limit is 8388608: raise orchestrator.max_document_bytes to allow more\n",
            result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Plan_DocumentOverTheDefaultCap_IsCut_WithTheKeyRaisedInTheEnvironment()
    {
        var path = WriteLargeDocument();

        var result = await CutterProcess.RunIsolatedAsync(
            new Dictionary<string, string?> { [DocumentKeyOverride] = (16 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            _dir.Path, "plan", path);

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Articles.ToString(System.Globalization.CultureInfo.InvariantCulture), CutterProcess.Field(result, "candidate_count"));
    }

    [Fact]
    public async Task Plan_DocumentOverTheDefaultCap_IsCut_WithTheKeyRaisedInTheConfigFile()
    {
        var path = WriteLargeDocument();
        var config = Path.Combine(_dir.Path, "caps.json");
        File.WriteAllText(config, "{ \"orchestrator\": { \"max_document_bytes\": 16777216 } }");

        var result = await CutterProcess.RunIsolatedAsync(new Dictionary<string, string?>(), _dir.Path, "plan", path, "--config", config);

        Assert.Equal("", result.StandardError);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Articles.ToString(System.Globalization.CultureInfo.InvariantCulture), CutterProcess.Field(result, "candidate_count"));
    }

    [Fact]
    public void ConfigFile_BindsEveryCap_AndTheDefaultsAreTodaysLimits()
    {
        var config = Path.Combine(_dir.Path, "cutter.json");
        File.WriteAllText(config,
            "{ \"orchestrator\": { \"max_document_bytes\": 100000000, \"max_line_bytes\": 1000, \"max_unit_bytes\": 2000, \"max_nesting_depth\": 8 } }");

        var options = CuttingOptions.From(CutterConfiguration.Load(config, _ => null).Orchestrator);
        var defaults = CuttingOptions.From(new OrchestratorSettings());

        Assert.Equal(new CuttingOptions { MaxDocumentBytes = 100_000_000, MaxLineBytes = 1000, MaxUnitBytes = 2000, MaxNestingDepth = 8 }, options);
        Assert.Equal(CuttingOptions.Default, defaults);
        Assert.Equal((8L * 1024 * 1024, 64 * 1024, 64 * 1024, 32), (defaults.MaxDocumentBytes, defaults.MaxLineBytes, defaults.MaxUnitBytes, defaults.MaxNestingDepth));
    }

    [Theory]
    [InlineData(nameof(OrchestratorSettings.MaxDocumentBytes), "orchestrator.max_document_bytes")]
    [InlineData(nameof(OrchestratorSettings.MaxLineBytes), "orchestrator.max_line_bytes")]
    [InlineData(nameof(OrchestratorSettings.MaxUnitBytes), "orchestrator.max_unit_bytes")]
    [InlineData(nameof(OrchestratorSettings.MaxNestingDepth), "orchestrator.max_nesting_depth")]
    public void ACapThatIsNotPositive_IsRefused_NamingItsKey(string property, string key)
    {
        var settings = new OrchestratorSettings();
        var setter = typeof(OrchestratorSettings).GetProperty(property)!;
        setter.SetValue(settings, setter.PropertyType == typeof(long) ? 0L : (object)0);

        var ex = Assert.Throws<InvalidInputException>(() => CuttingOptions.From(settings));

        Assert.Equal(key, ex.Input);
        Assert.Equal($"{key}: 0 must be positive", ex.Message);
    }

    [Fact]
    public void NestingDeeperThanTheDefault_IsRefused_AndCut_WithTheDepthRaised()
    {
        var body = "## Article 1\n\nText.\n\n" + string.Concat(Enumerable.Repeat("> ", 40)) + "deep\n";

        var refused = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body), CuttingOptions.From(new OrchestratorSettings()));
        var cut = DocumentCutter.Cut(TestDocuments.FromBody(body), CuttingOptions.From(new OrchestratorSettings { MaxNestingDepth = 64 }));

        Assert.Equal("nesting-too-deep", Assert.Single(refused.Errors).Code);
        Assert.EndsWith("raise orchestrator.max_nesting_depth to allow more", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("art-1", Assert.Single(cut.Units).Address);
        Assert.EndsWith("deep", cut.Units[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void LineAndUnitCaps_RefuseOverTheDefault_AndCut_WithTheKeysRaised()
    {
        var line = new string('x', 70 * 1024);
        var body = "## Article 1\n\n" + line + "\n";

        var refused = TestDocuments.CutExpectingErrors(TestDocuments.FromBody(body), CuttingOptions.From(new OrchestratorSettings()));
        var cut = DocumentCutter.Cut(TestDocuments.FromBody(body),
            CuttingOptions.From(new OrchestratorSettings { MaxLineBytes = 128 * 1024, MaxUnitBytes = 128 * 1024 }));

        Assert.Equal(["line-too-long"], refused.Errors.Select(e => e.Code));
        Assert.EndsWith("raise orchestrator.max_line_bytes to allow more", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.EndsWith(line, Assert.Single(cut.Units).Content, StringComparison.Ordinal);
    }
}
