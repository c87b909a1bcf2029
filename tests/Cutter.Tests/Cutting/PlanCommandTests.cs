using Cutter.Rehearsal.Seeding;
using System.Diagnostics;
using System.Text.Json;
using Cutter.Knowledge;
using Xunit;

namespace Cutter.Tests.Cutting;

/// <summary>`cutter plan`, run as a real process on the built CLI.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cutter-plan-").FullName;

    public PlanCommandTests() => SampleKnowledgeBase.WriteTo(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cutter.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Plan_KbId_PrintsTreeCountsCandidateCountAndSha()
    {
        var (exit, output, _) = Run("plan", "KB-2001", "--kb-root", _root);

        Assert.Equal(0, exit);
        Assert.Contains("KB-2001 ICX-CONST: Constitution of the Interchange\n", output, StringComparison.Ordinal);
        Assert.Contains("\n    ch-1/art-3 [article]  Article 3. Principles\n", output, StringComparison.Ordinal);
        Assert.Contains("\n        ch-1/art-3/cl-1/pt-a [point]  (a)\n            \"equality of members;\"\n", output, StringComparison.Ordinal);
        Assert.Contains("\n    ch-1/art-1 [article]  Article 1. Establishment\n        \"The Interchange is established as a voluntary association of its ...\"\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  ch-1 [chapter]  Chapter I. General Provisions\n      (no text of its own)\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  article    15\n", output, StringComparison.Ordinal);
        Assert.Contains("\ncandidate_count: 60\n", output, StringComparison.Ordinal);
        Assert.Matches("\npayload_sha: sha256:payload-v1:[0-9a-f]{64}\n", output);
    }

    [Fact]
    public void Plan_Json_CarriesCountsAndUnits()
    {
        var (exit, output, _) = Run("plan", "KB-2186", "--kb-root", _root, "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(51, json.RootElement.GetProperty("candidate_count").GetInt32());
        Assert.Equal("ICX-CHARTER-2026", json.RootElement.GetProperty("document_code").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("counts").GetProperty("article").GetInt32());
        Assert.Equal(51, json.RootElement.GetProperty("units").GetArrayLength());
        Assert.Equal("cutter-payload-v1", json.RootElement.GetProperty("payload_format").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("diagnostics").GetArrayLength());
        var article1 = json.RootElement.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("address").GetString() == "part-1/ch-1/art-1");
        Assert.Equal("The body established by this Charter is the Interchange Council ...", article1.GetProperty("first_words").GetString());
    }

    [Fact]
    public void Plan_Json_InvalidDocument_PutsTheDiagnosticsAndExitCodeOnStdout()
    {
        var path = Path.Combine(_root, "draft.md");
        File.WriteAllText(path, "---\nid: KB-7001\ndocument_code: ICX-TEST\n---\n## Article 1\n\n## Article 1\n\nText.\n\n## Article IIII\n\nMore.\n");

        var (exit, output, error) = Run("plan", path, "--json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("KB-7001", json.RootElement.GetProperty("kb_id").GetString());
        var diagnostics = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("severity").GetString(), d.GetProperty("code").GetString(), d.GetProperty("line").GetInt32())).ToArray();
        Assert.Equal([("error", "empty-article", 5), ("error", "duplicate-numbering", 7), ("error", "address-collision", 7), ("warning", "unused-heading", 11)], diagnostics);
        Assert.Contains("line 7: error duplicate-numbering:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FileNameLeavingTheKbFolder_IsRefused_WithUsageExit()
    {
        var (exit, _, error) = Run("plan", "../KB-2001.md", "--kb-root", _root);

        Assert.Equal(2, exit);
        Assert.Contains("KB file name: '../KB-2001.md' must be a plain file name inside the KB folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InvalidDocument_PrintsEveryErrorWithItsLine()
    {
        var path = Path.Combine(_root, "draft.md");
        File.WriteAllText(path, "---\nid: KB-7001\ndocument_code: ICX-TEST\n---\n## Article 1\n\n## Article 1\n\nText.\n");

        var (exit, _, error) = Run("plan", path);

        Assert.Equal(2, exit);
        Assert.Contains("line 5: error empty-article: article art-1 ('Article 1') has no text", error, StringComparison.Ordinal);
        Assert.Contains("line 7: error duplicate-numbering:", error, StringComparison.Ordinal);
        Assert.Contains("line 7: error address-collision: address art-1 is already used by the unit at line 5", error, StringComparison.Ordinal);
    }
}
