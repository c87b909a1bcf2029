using System.Text.Json;
using Cutter.Infrastructure;
using Cutter.Rehearsal.Disposable;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

public sealed class DisposablePostgresTests
{
    // The server runs as the postgres OS user when we are root, so it must be able to enter the work root.
    private static string NewWorkRoot() => Directory.CreateTempSubdirectory("cutter-test-root-").FullName.Also(path =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute));

    [Fact]
    public async Task Local_binaries_serve_a_server_and_dispose_removes_the_process_and_the_folder()
    {
        var root = NewWorkRoot();
        var server = await DisposablePostgres.StartAsync(new DisposablePostgresOptions { WorkRoot = root }, providers: [new LocalBinariesProvider()]);
        var folder = Assert.Single(Directory.GetDirectories(root, "cutter-pg-*"));
        var postmasterPid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            Assert.StartsWith("15.", connection.PostgreSqlVersion.ToString(), StringComparison.Ordinal);
        }

        await server.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        Assert.False(IsAlive(postmasterPid));
        Directory.Delete(root);
    }

    [Fact]
    public async Task Requested_server_settings_are_the_running_servers()
    {
        var root = NewWorkRoot();
        await using (var server = await DisposablePostgres.StartAsync(new DisposablePostgresOptions
        {
            WorkRoot = root,
            ServerSettings = [new("max_wal_size", "3GB"), new("shared_buffers", "48MB")],
        }, providers: [new LocalBinariesProvider()]))
        {
            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT current_setting('max_wal_size') || ' ' || current_setting('shared_buffers')", connection);
            Assert.Equal("3GB 48MB", await read.ExecuteScalarAsync());
        }
        Directory.Delete(root);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_plain_word_is_refused_before_a_cluster_is_made()
    {
        var root = NewWorkRoot();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new LocalBinariesProvider().TryStartAsync(
            new DisposablePostgresOptions { WorkRoot = root, ServerSettings = [new("max_wal_size", "1GB -c fsync=off")] },
            NullLogger.Instance, CancellationToken.None));
        Assert.Equal("server setting value of max_wal_size '1GB -c fsync=off' is not a plain word (letters, digits, _ . -)", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(root));
        Directory.Delete(root);
    }

    [Fact]
    public async Task A_cluster_left_by_a_dead_process_is_removed_by_the_next_start()
    {
        var root = NewWorkRoot();
        var abandoned = await DisposablePostgres.StartAsync(new DisposablePostgresOptions { WorkRoot = root }, providers: [new LocalBinariesProvider()]);
        var folder = Assert.Single(Directory.GetDirectories(root, "cutter-pg-*"));
        var postmasterPid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        // Pretend the owner died: record a process id that does not exist.
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.json"), JsonSerializer.Serialize(new { ProcessId = int.MaxValue - 7, StartedUtc = DateTime.UtcNow }));

        var removed = await LocalBinariesProvider.SweepAbandonedClustersAsync(root, PostgresBinaries.Require("pg_ctl"), NullLogger.Instance, CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(folder));
        Assert.False(IsAlive(postmasterPid));
        GC.SuppressFinalize(abandoned);
        Directory.Delete(root);
    }

    [Fact]
    public async Task When_no_provider_can_serve_the_error_names_all_three_ways()
    {
        var failing = new IPostgresProvider[] { new Unavailable("existing server (CUTTER_TEST_PG)"), new Unavailable("Testcontainers.PostgreSql (Docker engine)"), new Unavailable("local PostgreSQL binaries (initdb + pg_ctl)") };

        var error = await Assert.ThrowsAsync<DisposablePostgresUnavailableException>(() => DisposablePostgres.StartAsync(providers: failing));

        Assert.Equal(3, error.Reasons.Count);
        Assert.Contains("CUTTER_TEST_PG", error.Message, StringComparison.Ordinal);
        Assert.Contains("Docker engine", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb", error.Message, StringComparison.Ordinal);
    }

    // A stopped postmaster may linger as a zombie until its (re)parent reaps it: a zombie is not a live server.
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        var text = File.ReadAllText(stat);
        var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state != "Z" && state != "X";
    }

    // A provider that reports it cannot serve; used only to drive the "none can serve" message.
    private sealed class Unavailable(string name) : IPostgresProvider
    {
        public string Name => name;

        public Task<(PostgresServer? Server, string? WhyNot)> TryStartAsync(DisposablePostgresOptions options, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
            Task.FromResult<(PostgresServer?, string?)>((null, "not available in this test"));
    }
}

internal static class FluentExtensions
{
    public static string Also(this string value, Action<string> action)
    {
        action(value);
        return value;
    }
}
