using System.Diagnostics;
using Cutter.Analyzers.Tests.Support;
using Cutter.Domain;
using Cutter.Scanning;

namespace Cutter.Analyzers.Tests.Scanning;

/// <summary>
/// The run-time scanner on real files: exact findings over every configuration format, suppressions and
/// .editorconfig as in the build, symlinks inside the root, and unreadable paths reported as errors.
/// </summary>
public sealed class SecretScannerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cutter-scan-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Folder_ReportsCodeAndConfigurationFindingsInPathOrder()
    {
        Write("app/appsettings.json", "{\n  \"Db\": {\n    \"Password\": \"" + FakeValues.HighEntropy() + "\"\n  }\n}\n");
        Write("app/Settings.cs", "class Settings\n{\n    const string Doc = \"KB-2185\";\n    string Token = \"" + FakeValues.GitHubToken() + "\";\n}\n");
        Write("app/prod.env", "AWS_ACCESS_KEY_ID=" + FakeValues.AwsAccessKeyId() + "\nDOT_CUTTER_DB_HOST=db01.corp\n");
        Write("app/bin/Debug/appsettings.json", "{ \"Password\": \"" + FakeValues.HighEntropy() + "\" }");
        Write("app/notes.txt", FakeValues.GitHubToken());

        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        Assert.Equal(
        [
            "/app/Settings.cs:3:24: CUT002 Hard-coded runtime id (KB document id): read it from configuration",
            "/app/Settings.cs:4:20: CUT001 Hard-coded secret (GitHub token): read it from the environment or configuration",
            "/app/appsettings.json:3:18: CUT001 Hard-coded secret (high-entropy value bound to 'Password'): read it from the environment or configuration",
            "/app/prod.env:1:19: CUT001 Hard-coded secret (AWS access key id): read it from the environment or configuration",
        ], Relative(result));
        Assert.Equal(3, result.FilesScanned);
        Assert.Equal(1, result.FilesSkipped);
        Assert.Empty(result.Errors);
        Assert.Equal("scan: 4 finding(s); 3 file(s) scanned, 1 skipped", result.Summary);
    }

    [Theory]
    [InlineData("config.yaml", "db:\n  password: {0}\n", 2, 13)]
    [InlineData("settings.yml", "- password: {0}\n", 1, 13)]
    [InlineData("settings.json", "{{ \"smtp\": {{ \"password\": \"{0}\" }} }}\n", 1, 26)]
    [InlineData("web.config", "<add key=\"SmtpPassword\" value=\"x\" password=\"{0}\" />\n", 1, 45)]
    [InlineData("app.xml", "<db password=\"{0}\" />\n", 1, 15)]
    [InlineData("service.ini", "[db]\npassword = {0}\n", 2, 12)]
    [InlineData(".env.local", "API_TOKEN={0}\n", 1, 11)]
    public async Task EveryConfigurationFormat_IsScanned(string name, string template, int line, int column)
    {
        Write(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, FakeValues.HighEntropy()));

        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((Path.Combine(_root.FullName, name), line, column, "CUT001"), (finding.Path, finding.Line, finding.Column, finding.RuleId));
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task Suppressions_AndEditorConfigSeverities_AreHonouredAsInTheBuild()
    {
        Write("Suppressed.cs", """
            using System.Diagnostics.CodeAnalysis;
            class Suppressed
            {
                [SuppressMessage("Reliability", "CUT002", Justification = "the reserved empty document id")]
                const string Reserved = "KB-0001";
            #pragma warning disable CUT002 // a documented sample id
                const string Sample = "KB-0002";
            #pragma warning restore CUT002
                const string Reported = "KB-0003";
            }
            """);
        Write("relaxed/Relaxed.cs", "class Relaxed { const string Doc = \"KB-0004\"; }\n");
        Write("relaxed/.editorconfig", "[*.cs]\ndotnet_diagnostic.CUT002.severity = none\n");
        Write("graded/Graded.cs", "class Graded { const string Doc = \"KB-0005\"; }\n");
        Write("graded/.editorconfig", "[*.cs]\ndotnet_diagnostic.CUT002.severity = warning\n");

        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        Assert.Equal(
        [
            ("/Suppressed.cs", 9, ScanSeverity.Error),
            ("/graded/Graded.cs", 1, ScanSeverity.Warning),
        ], result.Findings.Select(f => (f.Path.Replace(_root.FullName, "", StringComparison.Ordinal), f.Line, f.Severity)).ToList());
    }

    [Fact]
    public async Task SymlinksInsideTheRoot_AreFollowedOnce_AndLoopsAndDanglingLinksAreErrors()
    {
        Write("real/creds.yaml", "password: " + FakeValues.HighEntropy() + "\n");
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "linked"), Path.Combine(_root.FullName, "real"));
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "alias.yaml"), Path.Combine(_root.FullName, "real", "creds.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "real", "loop"), _root.FullName);
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "gone.env"), Path.Combine(_root.FullName, "missing.env"));

        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        // alias.yaml is visited first (ordinal order) and stands for the file; linked/ and real/ reach it again.
        Assert.Equal(["/alias.yaml:1:11: CUT001 Hard-coded secret (high-entropy value bound to 'password'): read it from the environment or configuration"], Relative(result));
        Assert.Equal(
        [
            "/gone.env: dangling symbolic link to /missing.env",
            "/linked/loop: symbolic link loop: points back to " + _root.FullName,
            "/real/loop: symbolic link loop: points back to " + _root.FullName,
        ], result.Errors.Select(e => e.ToString().Replace(_root.FullName + "/", "/", StringComparison.Ordinal)).ToList());
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task LinkOutsideTheRoot_IsSkippedNotRead()
    {
        var outside = Directory.CreateTempSubdirectory("cutter-scan-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "creds.env"), "PASSWORD=" + FakeValues.HighEntropy() + "\n");
            Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "elsewhere"), outside.FullName);

            var result = await new SecretScanner().ScanAsync([_root.FullName]);

            Assert.Empty(result.Findings);
            Assert.Equal((0, 1), (result.FilesScanned, result.FilesSkipped));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Fifo_IsAnError_NotABlockingRead()
    {
        var fifo = Path.Combine(_root.FullName, "pipe.env");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var result = await new SecretScanner().ScanAsync([_root.FullName]);

        Assert.Equal([new ScanError(fifo, "not a regular file")], result.Errors);
        Assert.False(result.IsClean);
        Assert.Equal("scan: 0 finding(s), 1 error(s); 0 file(s) scanned, 0 skipped", result.Summary);
    }

    [Fact]
    public async Task CollectionExpressionBeforeAnArgument_DoesNotShiftItsParameter()
    {
        // The hand-written scanner this replaced bound "value" to cancellationToken (a secret-like word) whenever a
        // collection expression preceded it; Roslyn binds it to 'label'.
        var source = "using System.Threading;\nclass C\n{\n    static void Use(int[] items, string label, CancellationToken cancellationToken) { }\n"
            + "    static void Run() => Use([1, 2, 3], \"" + FakeValues.HighEntropy() + "\", CancellationToken.None);\n}\n";

        var findings = await new SecretScanner().ScanTextAsync("C.cs", source);

        Assert.Empty(findings);
        Assert.Empty(await AnalyzerRunner.RunAsync(source));
    }

    [Fact]
    public async Task CleanFile_HasNoFindings()
    {
        var path = Write("appsettings.json", "{\n  \"orchestrator\": { \"expected_host\": \"cutter-prod-01\", \"kb_root\": \"/srv/kb\" },\n  \"Password\": \"${DB_PASSWORD}\"\n}\n");
        var result = await new SecretScanner().ScanAsync([path]);
        Assert.True(result.IsClean);
        Assert.Equal("scan: clean; 1 file(s) scanned, 0 skipped", result.Summary);
    }

    [Fact]
    public async Task MissingPath_IsRejectedNamingThePath()
    {
        var missing = Path.Combine(_root.FullName, "nope.env");
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => new SecretScanner().ScanAsync([missing]));
        Assert.Equal(missing, error.Input);
        Assert.Equal("no such file or directory to scan", error.Problem);
    }

    private List<string> Relative(ScanResult result) =>
        result.Findings.Select(f => f.ToString().Replace(_root.FullName, "", StringComparison.Ordinal)).ToList();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
