using Cutter.Cli;
using Cutter.Cutting;
using Cutter.Infrastructure;
using Cutter.Knowledge;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// Inputs the operating system refuses, through the real `cutter` process: a file without read permission (`plan`,
/// `scan`, `--config`) read by a user who lacks it, and a list nested 2,706 deep, refused before Markdig parses it.
/// Root reads any file whatever its mode, so as root the CLI runs as `nobody` (setpriv); each case ends in its
/// documented exit code and one line without a stack trace.
/// </summary>
public sealed class UnreadableInputTests : IDisposable
{
    private const string StackFrame = "   at ";
    private const string Denied = "(permission denied: grant access or run as a user who has it)";
    private const int Nobody = 65534;
    private readonly string _dir;

    private readonly string _home;

    public UnreadableInputTests()
    {
        // Readable and traversable by everyone, so only the file's own mode refuses the read.
        _dir = Directory.CreateTempSubdirectory("cutter-unreadable-").FullName;
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        // The unprivileged user's own home (the .NET host writes under it).
        _home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        File.SetUnixFileMode(_home, (UnixFileMode)0b111_111_111);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A file only its owner (root) may read.</summary>
    private string OwnerOnlyFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>The CLI as a user without rights to root's files: `nobody` when the tests run as root, else the tests' own user.</summary>
    private Task<ProcessResult> CutterAsUnprivilegedAsync(params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        // A clean clone may sit under a folder only root can enter (mktemp -d): `nobody` runs a world-readable copy.
        var cli = asRoot ? WorldReadableCli.Value : AppContext.BaseDirectory;
        string[] cutter = ["dotnet", Path.Combine(cli, "Cutter.Cli.dll"), .. arguments];
        var environment = new Dictionary<string, string?> { ["HOME"] = _home, ["DOTNET_CLI_HOME"] = _home, ["DOTNET_NOLOGO"] = "1" };
        return asRoot
            ? ProcessRunner.RunAsync("setpriv", [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", .. cutter], environment, _dir)
            : ProcessRunner.RunAsync(cutter[0], cutter[1..], environment, _dir);
    }

    /// <summary>The test output folder (which holds the CLI) copied once per test process into a folder everyone may read.</summary>
    private static readonly Lazy<string> WorldReadableCli = new(() =>
    {
        var copy = Directory.CreateTempSubdirectory("cutter-cli-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        CopyReadable(AppContext.BaseDirectory, copy);
        return copy;
    });

    private static void CopyReadable(string from, string to)
    {
        File.SetUnixFileMode(to, (UnixFileMode)0b111_101_101);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, (UnixFileMode)0b110_100_100);
        }
        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyReadable(folder, Directory.CreateDirectory(Path.Combine(to, Path.GetFileName(folder))).FullName);
        }
    }

    private static void AssertOneLine(ProcessResult result, int exitCode, string line)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(line + "\n", result.StandardError);
        Assert.DoesNotContain(StackFrame, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_of_an_unreadable_file_exits_6_naming_it()
    {
        var path = OwnerOnlyFile("KB-1.md", "---\nid: KB-0001\ndocument_code: ICX-X\n---\n# Article 1\n\nText.\n");

        var result = await CutterAsUnprivilegedAsync("plan", path);

        AssertOneLine(result, ExitCodes.IoError, $"error: {path}: cannot be opened: Permission denied {Denied}");
    }

    [Fact]
    public async Task Config_that_cannot_be_read_exits_6_naming_it()
    {
        var config = OwnerOnlyFile("cutter.json", "{ \"orchestrator\": { } }");

        var result = await CutterAsUnprivilegedAsync("status", "--config", config);

        AssertOneLine(result, ExitCodes.IoError, $"error: Access to the path '{config}' is denied. {Denied}");
    }

    [Fact]
    public async Task Scan_of_an_unreadable_file_reports_it_and_exits_2()
    {
        var path = OwnerOnlyFile("appsettings.json", "{ }");

        var result = await CutterAsUnprivilegedAsync("scan", path);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal($"error: {path}: cannot read file: Access to the path '{path}' is denied.\n", result.StandardError);
    }

    [Fact]
    public async Task The_same_file_readable_by_its_user_is_planned()
    {
        // The refusal above is the file's mode, not the setup: made readable, the same run succeeds.
        var path = OwnerOnlyFile("KB-1.md", "---\nid: KB-0001\ndocument_code: ICX-X\n---\n# Article 1\n\nText.\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        var result = await CutterAsUnprivilegedAsync("plan", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StandardError);
    }

    /// <summary>The case: a 7 MB list nested 2,706 levels deep (Markdig spent 62 s of CPU on it before failing).</summary>
    private string DeepList()
    {
        var path = Path.Combine(_dir, "deep.md");
        using var writer = new StreamWriter(path);
        writer.Write("---\nid: KB-0001\ndocument_code: ICX-DEEP\n---\n# Article 1\n\n");
        for (var depth = 0; depth < 2706; depth++) writer.WriteLine(new string(' ', depth * 2) + "- item");
        return path;
    }

    [Fact]
    public async Task Plan_of_a_list_nested_2706_deep_is_refused_in_one_line()
    {
        var path = DeepList();

        var result = await CutterProcess.RunAsync(new Dictionary<string, string?>(), _dir, "plan", path);

        AssertOneLine(result, ExitCodes.UsageError, "error: KB-0001: cut plan invalid, 1 error(s):\n" +
            "  line 39: error nesting-too-deep: the line is nested about 33 levels deep (lists, quotes, indentation); the limit is 32: flatten the structure or raise orchestrator.max_nesting_depth to allow more");
    }

    [Fact]
    public async Task A_list_nested_2706_deep_costs_the_cli_well_under_a_second_of_cpu()
    {
        // CPU time, not wall time: on a loaded machine the wall clock measures the machine, not the refusal.
        var path = DeepList();
        var cli = Path.Combine(AppContext.BaseDirectory, "Cutter.Cli.dll");

        var timed = await ProcessRunner.RunAsync("bash", ["-c", "TIMEFORMAT='%U %S'; time dotnet \"$0\" plan \"$1\" 2>/dev/null", cli, path], new Dictionary<string, string?>(), _dir);

        Assert.Equal(ExitCodes.UsageError, timed.ExitCode);
        var cpu = timed.StandardError.Trim().Split(' ').Sum(seconds => double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(cpu < 1.0, $"the refusal took {cpu:0.000} s of CPU (user + system), startup included");
    }
}
