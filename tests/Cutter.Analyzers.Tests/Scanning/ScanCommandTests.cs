using System.Diagnostics;
using Cutter.Analyzers.Tests.Support;

namespace Cutter.Analyzers.Tests.Scanning;

/// <summary>`cutter scan` as a real process: output lines, exit code 4 on findings, 0 when clean, 2 on a missing path.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cutter-scan-cli-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Findings_ArePrintedAndExitCodeIs4()
    {
        var env = Path.Combine(_root.FullName, "prod.env");
        await File.WriteAllTextAsync(env, "# lane\nDOT_CUTTER_EXEC_DB_PASSWORD=" + FakeValues.HighEntropy() + "\n");

        var (exit, stdout, _) = await RunCutterAsync("scan", env);

        Assert.Equal(4, exit);
        Assert.Equal(
            $"{env}:2:29: CUT001 Hard-coded secret (high-entropy value bound to 'DOT_CUTTER_EXEC_DB_PASSWORD'): read it from the environment or configuration\n"
            + "scan: 1 finding(s); 1 file(s) scanned, 0 skipped\n",
            stdout);
    }

    [Fact]
    public async Task CleanFolder_ExitCodeIs0()
    {
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "appsettings.json"), "{ \"Password\": \"\" }\n");
        var (exit, stdout, _) = await RunCutterAsync("scan", _root.FullName);
        Assert.Equal(0, exit);
        Assert.Equal("scan: clean; 1 file(s) scanned, 0 skipped\n", stdout);
    }

    [Fact]
    public async Task UnreadablePath_IsAnErrorOnStderr_ExitCodeIs2_NotClean()
    {
        var gone = Path.Combine(_root.FullName, "gone.env");
        File.CreateSymbolicLink(gone, Path.Combine(_root.FullName, "missing.env"));
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "appsettings.json"), "{ \"Password\": \"\" }\n");

        var (exit, stdout, stderr) = await RunCutterAsync("scan", _root.FullName);

        Assert.Equal(2, exit);
        Assert.Equal($"error: {gone}: dangling symbolic link to {Path.Combine(_root.FullName, "missing.env")}\n", stderr);
        Assert.Equal("scan: 0 finding(s), 1 error(s); 1 file(s) scanned, 0 skipped\n", stdout);
    }

    [Fact]
    public async Task JsonFormat_CarriesFindingsAndCounts()
    {
        var env = Path.Combine(_root.FullName, "prod.env");
        await File.WriteAllTextAsync(env, "API_TOKEN=" + FakeValues.HighEntropy() + "\n");

        var (exit, stdout, _) = await RunCutterAsync("scan", "--format", "json", _root.FullName);

        Assert.Equal(4, exit);
        var report = System.Text.Json.Nodes.JsonNode.Parse(stdout)!;
        Assert.Equal((1, 0), ((int)report["filesScanned"]!, (int)report["filesSkipped"]!));
        var finding = report["findings"]![0]!;
        Assert.Equal((env, 1, 11, "CUT001", "error"), ((string)finding["path"]!, (int)finding["line"]!, (int)finding["column"]!, (string)finding["ruleId"]!, (string)finding["severity"]!));
        Assert.Empty(report["errors"]!.AsArray());
    }

    [Fact]
    public async Task MissingPath_ExitCodeIs2AndNamesThePath()
    {
        var missing = Path.Combine(_root.FullName, "missing.json");
        var (exit, _, stderr) = await RunCutterAsync("scan", missing);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {missing}: no such file or directory to scan\n", stderr);
    }

    [Fact]
    public async Task Help_DescribesTheVerb()
    {
        var (exit, stdout, _) = await RunCutterAsync("scan", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Scan files or folders for hard-coded secrets (CUT001) and runtime ids (CUT002)", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCutterAsync(params string[] args)
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
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
