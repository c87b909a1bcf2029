using System.Globalization;
using System.Security.Cryptography;
using Cutter.Configuration;
using Cutter.Orchestration.Prechecks;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

public sealed class SecretScanCheckTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A small real scanner for the test: an env-style line whose key ends in _PASSWORD and has a value is a finding.</summary>
    private static async Task<IReadOnlyList<string>> ScanAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var findings = new List<string>();
        foreach (var path in paths)
        {
            var lines = await File.ReadAllLinesAsync(path, cancellationToken);
            for (var i = 0; i < lines.Length; i++)
            {
                var parts = lines[i].Split('=', 2);
                if (parts.Length == 2 && parts[0].EndsWith("_PASSWORD", StringComparison.Ordinal) && parts[1].Length > 0)
                {
                    findings.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: {parts[0]} holds a literal value"));
                }
            }
        }
        return findings;
    }

    private static Task<PrecheckResult> RunAsync(params string[] paths) =>
        new SecretScanCheck(ScanAsync).RunAsync(PrecheckContexts.For(new OrchestratorSettings { ScanPaths = [.. paths] }), CancellationToken.None);

    [Fact]
    public async Task Clean_files_pass()
    {
        var config = _files.File("cutter.json", "{ \"orchestrator\": { \"expected_host\": \"runner-7\" } }\n");
        var env = _files.File("cutter.envfile", "DOT_CUTTER_VERIFY_DB_PASSWORD=\n");

        var result = await RunAsync(config, env);

        Assert.Equal(PrecheckResult.Pass(SecretScanCheck.CheckName, "no findings in 2 scanned path(s)"), result);
    }

    [Fact]
    public async Task Findings_fail_and_are_listed()
    {
        var config = _files.File("cutter.json", "{}\n");
        var env = _files.File("cutter.envfile", $"DOT_CUTTER_DB_HOST=db\nDOT_CUTTER_VERIFY_DB_PASSWORD={RandomNumberGenerator.GetHexString(24)}\n");

        var result = await RunAsync(config, env);

        Assert.Equal(PrecheckVerdict.Failed, result.Verdict);
        Assert.Equal($"1 finding(s): {env}:2: DOT_CUTTER_VERIFY_DB_PASSWORD holds a literal value", result.Reason);
        Assert.Equal([$"{env}:2: DOT_CUTTER_VERIFY_DB_PASSWORD holds a literal value"], result.Details);
    }

    [Fact]
    public async Task Missing_scan_path_fails_naming_it()
    {
        var gone = Path.Combine(_files.Path, "absent.json");

        var result = await RunAsync(gone);

        Assert.Equal(PrecheckResult.Fail(SecretScanCheck.CheckName, $"scan path(s) missing: {gone}"), result);
    }

    [Fact]
    public async Task Nothing_to_scan_fails()
    {
        Assert.Equal(PrecheckResult.Fail(SecretScanCheck.CheckName, "orchestrator.scan_paths is empty"), await RunAsync());
    }
}
