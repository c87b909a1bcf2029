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
        Assert.Contains("\n        ch-1/art-3/cl-1/pt-a [point]  (a)\n", output, StringComparison.Ordinal);
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
