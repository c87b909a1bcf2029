using Cutter.Infrastructure;
using Cutter.Rehearsal;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>The report is signed so that the standard tool verifies it, and any change to it breaks the signature.</summary>
[Collection(RehearsedRunCollection.Name)]
public sealed class SignedReportTests(RehearsedRunFixture run)
{
    [Fact]
    public async Task Report_verifies_with_ssh_keygen_and_a_one_byte_change_fails()
    {
        await using var copy = await run.CopyAsync();
        var outcome = await RunVerification.VerifyAndWriteAsync(copy.Settings, copy.VerifyConnectionString, copy.RunId, TimeProvider.System);
        Assert.True(outcome.Report.Passed);
        Assert.Equal(Path.Combine(copy.Settings.SidecarRoot, copy.RunId.ToString(), "verification-report-0001.json"), outcome.Artifacts.ReportPath);

        var bytes = await File.ReadAllBytesAsync(outcome.Artifacts.ReportPath);
        var good = await SshVerifyAsync(outcome.Artifacts.SignaturePath, bytes);
        Assert.True(good.Succeeded, good.StandardError);
        Assert.StartsWith($"Good \"cutter-report\" signature for {RehearsalEnvironment.VerifierPrincipal}", good.StandardOutput);

        var tampered = (byte[])bytes.Clone();
        var at = Array.IndexOf(tampered, (byte)'5'); // inside a count or a sha: one digit changed
        tampered[at] = (byte)'6';
        var bad = await SshVerifyAsync(outcome.Artifacts.SignaturePath, tampered);
        Assert.False(bad.Succeeded);
    }

    [Fact]
    public async Task Summary_lists_every_check_and_the_phase_timeline()
    {
        await using var copy = await run.CopyAsync();
        var outcome = await RunVerification.VerifyAndWriteAsync(copy.Settings, copy.VerifyConnectionString, copy.RunId, TimeProvider.System);
        var summary = await File.ReadAllTextAsync(outcome.Artifacts.SummaryPath);
        Assert.StartsWith($"# Verification of run {copy.RunId}: PASSED", summary);
        foreach (var check in VerificationChecks.All) Assert.Contains($"| {check.Name} | pass |", summary);
        Assert.Contains("| 11 | closeout | passed |", summary);
    }

    [Fact]
    public async Task Report_matches_its_documented_schema()
    {
        await using var copy = await run.CopyAsync();
        var outcome = await RunVerification.VerifyAndWriteAsync(copy.Settings, copy.VerifyConnectionString, copy.RunId, TimeProvider.System);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllBytesAsync(outcome.Artifacts.ReportPath))!.AsObject();
        var schema = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "verification-report.schema.json")))!;

        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(required, report.Select(p => p.Key).Order(StringComparer.Ordinal));
        var names = schema["properties"]!["checks"]!["items"]!["properties"]!["name"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(VerificationChecks.All.Select(c => c.Name), names);
        Assert.Equal(VerificationChecks.All.Select(c => c.Name), report["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(report["checks"]!.AsArray(), c => Assert.Equal(["name", "expected", "actual", "verdict"], c!.AsObject().Select(p => p.Key)));
    }

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cutter.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Cutter.sln not found above the test binaries");
    }

    [Fact]
    public async Task Missing_verifier_key_is_refused_and_nothing_is_written()
    {
        await using var copy = await run.CopyAsync();
        copy.Settings.VerifierKey = "";
        var error = await Assert.ThrowsAsync<Cutter.Domain.InvalidInputException>(() =>
            RunVerification.VerifyAndWriteAsync(copy.Settings, copy.VerifyConnectionString, copy.RunId, TimeProvider.System));
        Assert.Contains("orchestrator.verifier_key", error.Message);
        Assert.Empty(VerificationArtifacts.Existing(copy.Sidecar.RunFolder(copy.RunId)));
    }

    private async Task<ProcessResult> SshVerifyAsync(string signaturePath, byte[] message)
    {
        using var input = new MemoryStream(message);
        return await ProcessRunner.RunAsync("ssh-keygen",
            ["-Y", "verify", "-f", run.Environment.Settings.AllowedSignersFile, "-I", RehearsalEnvironment.VerifierPrincipal, "-n", VerificationReport.SignatureNamespace, "-s", signaturePath],
            standardInput: input);
    }
}
