using Cutter.Analyzers.Tests.Support;
using Cutter.Domain;
using Cutter.Scanning;

namespace Cutter.Analyzers.Tests.Scanning;

/// <summary>The run-time scanner on real files: exact findings, folder walking, and a clear error for a missing path.</summary>
public sealed class SecretScannerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cutter-scan-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Folder_ReportsCodeAndConfigurationFindingsInPathOrder()
    {
        Write("app/appsettings.json", "{\n  \"Db\": {\n    \"Password\": \"" + FakeValues.HighEntropy() + "\"\n  }\n}\n");
        Write("app/Settings.cs", "class Settings\n{\n    const string Doc = \"KB-2185\";\n    string Token = \"" + FakeValues.GitHubToken() + "\";\n}\n");
        Write("app/prod.env", "AWS_ACCESS_KEY_ID=" + FakeValues.AwsAccessKeyId() + "\nDOT_CUTTER_DB_HOST=db01.corp\n");
        Write("app/bin/Debug/appsettings.json", "{ \"Password\": \"" + FakeValues.HighEntropy() + "\" }");
        Write("app/notes.txt", FakeValues.GitHubToken());

        var findings = new SecretScanner().Scan([_root.FullName]).Select(f => f.ToString().Replace(_root.FullName, "", StringComparison.Ordinal)).ToList();

        Assert.Equal(
        [
            "/app/Settings.cs:3:24: CUT002 Hard-coded runtime id (KB document id): read it from configuration",
            "/app/Settings.cs:4:20: CUT001 Hard-coded secret (GitHub token): read it from the environment or configuration",
            "/app/appsettings.json:3:18: CUT001 Hard-coded secret (high-entropy value bound to 'Password'): read it from the environment or configuration",
            "/app/prod.env:1:19: CUT001 Hard-coded secret (AWS access key id): read it from the environment or configuration",
        ], findings);
    }

    [Fact]
    public void CleanFile_HasNoFindings()
    {
        var path = Write("appsettings.json", "{\n  \"orchestrator\": { \"expected_host\": \"cutter-prod-01\", \"kb_root\": \"/srv/kb\" },\n  \"Password\": \"${DB_PASSWORD}\"\n}\n");
        Assert.Empty(new SecretScanner().ScanFile(path));
    }

    [Fact]
    public void MissingPath_IsRejectedNamingThePath()
    {
        var missing = Path.Combine(_root.FullName, "nope.env");
        var error = Assert.Throws<InvalidInputException>(() => new SecretScanner().Scan([missing]));
        Assert.Equal(missing, error.Input);
        Assert.Equal("no such file or directory to scan", error.Problem);
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
