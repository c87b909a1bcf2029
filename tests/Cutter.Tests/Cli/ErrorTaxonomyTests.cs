using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cutter.Cli;
using Cutter.Configuration;
using Cutter.Infrastructure;
using Cutter.Tests.Orchestration.Prechecks;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// Ordinary failures through the real `cutter` process: each ends in the documented exit code and one line naming the
/// input and what to do (docs/exit-codes.md), with no stack trace unless --verbose asks for it.
/// </summary>
public sealed class ErrorTaxonomyTests : IDisposable
{
    private const string StackFrame = "   at ";
    private const string LoopHint = "(symbolic-link loop: fix or remove the link)";
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string PathOf(string name) => Path.Combine(_dir.Path, name);

    private Task<ProcessResult> CutterAsync(params string[] arguments) => CutterAsync(NoEnvironment, arguments);

    private Task<ProcessResult> CutterAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        CutterProcess.RunIsolatedAsync(environment, _dir.Path, arguments);

    private static void AssertOneLine(ProcessResult result, int exitCode, string line)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(line + "\n", result.StandardError);
    }

    private static void AssertNoStackTrace(ProcessResult result) =>
        Assert.DoesNotContain(StackFrame, result.StandardError, StringComparison.Ordinal);

    /// <summary>Two links pointing at each other: opening either fails with ELOOP, for root too.</summary>
    private string SymlinkLoop(string name)
    {
        var other = name + "-other";
        File.CreateSymbolicLink(PathOf(other), PathOf(name));
        File.CreateSymbolicLink(PathOf(name), PathOf(other));
        return PathOf(name);
    }

    /// <summary>A configuration whose folders exist, so an orchestrate dry run gets as far as connecting to the store.</summary>
    private string DryRunConfiguration()
    {
        var settings = new Dictionary<string, string>();
        foreach (var folder in new[] { "sidecar_root", "batch_dir", "global_locks_dir", "kb_root", "backup_dir" })
        {
            settings[folder] = Directory.CreateDirectory(PathOf(folder)).FullName;
        }
        settings["allowed_signers_file"] = PathOf("allowed_signers");
        File.WriteAllText(settings["allowed_signers_file"], "");
        var config = PathOf("cutter.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, object> { [OrchestratorSettings.SectionName] = settings }));
        return config;
    }

    private static Dictionary<string, string?> StoreAt(string host, int port) => new()
    {
        [EnvironmentNames.DbHost] = host,
        [EnvironmentNames.DbPort] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [EnvironmentNames.DbName] = "cutter",
        [EnvironmentNames.ExecUser] = "cutter_exec",
        [EnvironmentNames.ExecPassword] = Guid.NewGuid().ToString("N"),
        [EnvironmentNames.VerifyUser] = "cutter_verify",
        [EnvironmentNames.VerifyPassword] = Guid.NewGuid().ToString("N"),
    };

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Orchestrate_with_the_server_down_exits_5_naming_the_endpoint()
    {
        var config = DryRunConfiguration();
        var port = ClosedLoopbackPort();
        var host = IPAddress.Loopback.ToString();

        var result = await CutterAsync(StoreAt(host, port), "orchestrate", "--config", config, "--document", "KB-1", "--mode", "dry-run", "--actor", "alice");

        AssertOneLine(result, ExitCodes.Unavailable, ConnectionRefused(host, port));
    }

    [Fact]
    public async Task Db_migrate_with_the_server_down_exits_5_naming_the_endpoint()
    {
        var port = ClosedLoopbackPort();
        var host = IPAddress.Loopback.ToString();
        var admin = new NpgsqlConnectionStringBuilder { Host = host, Port = port, Username = "postgres", Password = Guid.NewGuid().ToString("N"), Database = "cutter" };
        var environment = new Dictionary<string, string?>
        {
            [EnvironmentNames.AdminConnectionString] = admin.ConnectionString,
            [EnvironmentNames.ExecPassword] = Guid.NewGuid().ToString("N"),
            [EnvironmentNames.VerifyPassword] = Guid.NewGuid().ToString("N"),
        };

        var result = await CutterAsync(environment, "db", "migrate");

        AssertOneLine(result, ExitCodes.Unavailable, ConnectionRefused(host, port));
    }

    private static string ConnectionRefused(string host, int port) =>
        $"error: database unreachable: Failed to connect to {host}:{port}: Connection refused (check that the server is running and that {EnvironmentNames.DbHost} and {EnvironmentNames.DbPort} (or {EnvironmentNames.AdminConnectionString} for db migrate) name it)";

    [Fact]
    public async Task Orchestrate_with_an_unresolvable_host_exits_5_pointing_at_the_host_variable()
    {
        var config = DryRunConfiguration();
        // RFC 2606: names under .invalid never resolve.
        var result = await CutterAsync(StoreAt("store.cutter.invalid", 5432), "orchestrate", "--config", config, "--document", "KB-1", "--mode", "dry-run", "--actor", "alice");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.StartsWith("error: database host not found: ", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith($"(check {EnvironmentNames.DbHost} (or {EnvironmentNames.AdminConnectionString} for db migrate) and the machine's DNS)\n", result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Plan_of_a_path_through_a_regular_file_exits_2_naming_it()
    {
        File.WriteAllText(PathOf("notes"), "not a folder");
        var path = PathOf("notes/KB-1.md");

        var result = await CutterAsync("plan", path);

        AssertOneLine(result, ExitCodes.UsageError, $"error: {path}: no such file");
    }

    [Fact]
    public async Task Plan_of_a_dangling_symlink_exits_2_naming_it()
    {
        var path = PathOf("gone.md");
        File.CreateSymbolicLink(path, PathOf("deleted.md"));

        var result = await CutterAsync("plan", path);

        AssertOneLine(result, ExitCodes.UsageError, $"error: {path}: no such file");
    }

    [Fact]
    public async Task Plan_of_a_directory_exits_2_saying_it_is_not_a_file()
    {
        var path = Directory.CreateDirectory(PathOf("drafts")).FullName;

        var result = await CutterAsync("plan", path);

        AssertOneLine(result, ExitCodes.UsageError, $"error: {path}: is a directory, not a regular file: give the document's file (or --kb-root DIR with a KB id)");
    }

    [Fact]
    public async Task Plan_of_a_symlink_loop_exits_6_and_says_what_to_do()
    {
        var path = SymlinkLoop("loop.md");

        var result = await CutterAsync("plan", path);

        AssertOneLine(result, ExitCodes.IoError, $"error: {path}: cannot be opened: Too many levels of symbolic links {LoopHint}");
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_after_the_same_line()
    {
        var path = SymlinkLoop("loop.md");

        var result = await CutterAsync("plan", path, "--verbose");

        Assert.Equal(ExitCodes.IoError, result.ExitCode);
        Assert.StartsWith($"error: {path}: cannot be opened: Too many levels of symbolic links {LoopHint}\nSystem.IO.IOException: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(StackFrame, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_of_a_symlink_loop_reports_it_and_exits_2()
    {
        var path = SymlinkLoop("loop.md");

        var result = await CutterAsync("scan", path);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal($"error: {path}: cannot resolve symbolic link: Too many levels of symbolic links in '{path}'.\n", result.StandardError);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Release_manifest_of_a_folder_holding_a_symlink_loop_exits_6()
    {
        var release = Directory.CreateDirectory(PathOf("release")).FullName;
        File.CreateSymbolicLink(Path.Combine(release, "a"), Path.Combine(release, "b"));
        File.CreateSymbolicLink(Path.Combine(release, "b"), Path.Combine(release, "a"));

        var result = await CutterAsync("release-manifest", release);

        AssertOneLine(result, ExitCodes.IoError, $"error: Too many levels of symbolic links : '{Path.Combine(release, "a")}' {LoopHint}");
    }

    [Fact]
    public async Task Config_that_is_a_symlink_loop_exits_6()
    {
        var config = SymlinkLoop("cutter.json");

        var result = await CutterAsync("precheck", "--config", config);

        AssertOneLine(result, ExitCodes.IoError, $"error: Too many levels of symbolic links : '{config}' {LoopHint}");
    }

    [Fact]
    public async Task Config_through_a_regular_file_exits_2_naming_it()
    {
        File.WriteAllText(PathOf("etc"), "not a folder");
        var config = PathOf("etc/cutter.json");

        var result = await CutterAsync("precheck", "--config", config);

        AssertOneLine(result, ExitCodes.UsageError, $"error: {config}: configuration file does not exist (give --config FILE or set CUTTER_CONFIG)");
    }

    [Fact]
    public async Task Release_manifest_written_to_a_full_disk_exits_6()
    {
        var release = Directory.CreateDirectory(PathOf("release")).FullName;
        File.WriteAllText(Path.Combine(release, "cutter.dll"), "v1");

        var result = await CutterAsync("release-manifest", release, "--output", "/dev/full");

        AssertOneLine(result, ExitCodes.IoError, "error: No space left on device : '/dev/full' (disk full: free space or write elsewhere)");
    }

    [Fact]
    public async Task Plan_of_a_list_nested_too_deep_is_refused_before_parsing_naming_the_line()
    {
        var lines = new List<string> { "---", "id: KB-0001", "document_code: ICX-DEEP", "---", "# Article 1", "" };
        lines.AddRange(Enumerable.Range(0, 500).Select(depth => new string(' ', depth * 2) + "- item"));
        var path = PathOf("deep.md");
        File.WriteAllLines(path, lines);

        var result = await CutterAsync("plan", path);

        // The first list line is line 7 at depth 1, so depth 33 is line 39.
        AssertOneLine(result, ExitCodes.UsageError, "error: KB-0001: cut plan invalid, 1 error(s):\n" +
            "  line 39: error nesting-too-deep: the line is nested about 33 levels deep (lists, quotes, indentation); the limit is 32: flatten the structure or raise orchestrator.max_nesting_depth to allow more");
    }

    [Fact]
    public async Task Plan_of_a_missing_kb_document_exits_2_naming_it()
    {
        var kb = Directory.CreateDirectory(PathOf("kb")).FullName;

        var result = await CutterAsync("plan", "KB-0000", "--kb-root", kb);

        AssertOneLine(result, ExitCodes.UsageError, "error: KB document KB-0000 does not exist (check the id, and --kb-root or the KB the configuration names)");
    }

    [Fact]
    public async Task Approve_of_a_missing_request_exits_2_naming_it()
    {
        var kb = Directory.CreateDirectory(PathOf("kb")).FullName;
        var key = PathOf("id_ed25519");
        await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key], new Dictionary<string, string?>(), _dir.Path);

        var result = await CutterAsync("approve", "--request", "KB-99999", "--key", key, "--signer", "alice@example", "--kb-root", kb, "--yes");

        AssertOneLine(result, ExitCodes.UsageError, "error: KB document KB-99999 does not exist (check the id, and --kb-root or the KB the configuration names)");
    }

    [Fact]
    public void Permission_denied_maps_to_6_with_what_to_do()
    {
        // Tests run as root here, where chmod does not stop a read; the mapping itself is checked directly.
        var error = ErrorTaxonomy.Classify(new UnauthorizedAccessException("Access to the path '/srv/kb/KB-1.md' is denied."));

        Assert.Equal(new CliError(ExitCodes.IoError, "error: Access to the path '/srv/kb/KB-1.md' is denied. (permission denied: grant access or run as a user who has it)"), error);
    }

    [Fact]
    public void A_refused_login_maps_to_5_by_sqlstate()
    {
        var refused = new PostgresException("password authentication failed for user \"cutter_exec\"", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword);

        Assert.Equal(new CliError(ExitCodes.Unavailable, "error: database refused the login: password authentication failed for user \"cutter_exec\" (check the lane's user and password in the env file)"),
            ErrorTaxonomy.Classify(refused));
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_pointing_at_verbose()
    {
        var error = ErrorTaxonomy.Classify(new InvalidOperationException("first\nsecond"));

        Assert.Equal(new CliError(ExitCodes.Failure, "unexpected error: InvalidOperationException: first second (run again with --verbose for the stack trace and report it)"), error);
    }
}
