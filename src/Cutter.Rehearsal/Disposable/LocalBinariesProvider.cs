using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Cutter.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Rehearsal.Disposable;

/// <summary>
/// Provider 3: <c>initdb</c> + <c>pg_ctl</c> on a fresh temp folder and a free loopback port.
/// As root the server runs as the <c>postgres</c> OS user (initdb refuses root). Each cluster folder records its
/// owner's process id, so a cluster left behind by a killed process is found and removed by the next start.
/// </summary>
internal sealed class LocalBinariesProvider : IPostgresProvider
{
    internal const string ClusterFolderPrefix = "cutter-pg-";
    private const string OwnerFile = "owner.json";
    private const string ServiceUser = "postgres";

    public string Name => "local PostgreSQL binaries (initdb + pg_ctl)";

    public async Task<(PostgresServer? Server, string? WhyNot)> TryStartAsync(DisposablePostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var initdb = PostgresBinaries.Find("initdb");
        var pgCtl = PostgresBinaries.Find("pg_ctl");
        if (initdb is null || pgCtl is null)
        {
            return (null, "initdb and pg_ctl were not found on PATH or under `pg_config --bindir`");
        }
        // Checked before anything is created: a refused setting leaves no cluster behind.
        var requestedSettings = string.Concat(options.ServerSettings.Select(setting => $" -c {PlainWord(setting.Key, "name")}={PlainWord(setting.Value, $"value of {setting.Key}")}"));
        var workRoot = options.WorkRoot ?? Path.GetTempPath();
        await SweepAbandonedClustersAsync(workRoot, pgCtl, logger, cancellationToken);

        var runAsServiceUser = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var folder = Path.Combine(workRoot, ClusterFolderPrefix + Environment.ProcessId + "-" + RandomNumberGenerator.GetHexString(8, lowercase: true));
        var dataDir = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile),
            JsonSerializer.Serialize(new ClusterOwner(Environment.ProcessId, Process.GetCurrentProcess().StartTime.ToUniversalTime())), cancellationToken);

        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var passwordFile = Path.Combine(folder, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        try
        {
            if (runAsServiceUser)
            {
                var chown = await ProcessRunner.RunAsync("chown", ["-R", ServiceUser, folder], cancellationToken: cancellationToken);
                if (!chown.Succeeded) return (null, $"running as root, and chown to the '{ServiceUser}' user failed: {chown.ErrorSummary}");
            }

            var init = await RunAsync(runAsServiceUser, initdb,
                ["-D", dataDir, "-U", "postgres", "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                cancellationToken);
            File.Delete(passwordFile);
            if (!init.Succeeded) return (null, $"initdb failed: {Trim(init.StandardError)}");

            var port = FreeLoopbackPort();
            var serverOptions = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder} -c max_connections=200";
            if (options.Ephemeral)
            {
                serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            }
            serverOptions += requestedSettings;
            var start = await RunAsync(runAsServiceUser, pgCtl,
                ["-D", dataDir, "-l", Path.Combine(folder, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"],
                cancellationToken);
            if (!start.Succeeded)
            {
                var log = File.Exists(Path.Combine(folder, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log"), cancellationToken) : "";
                return (null, $"pg_ctl start failed: {Trim(start.StandardError)} {Trim(log)}");
            }

            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = IPAddress.Loopback.ToString(),
                Port = port,
                Username = "postgres",
                Password = password,
                Database = "postgres",
                MaxPoolSize = 20,
            }.ConnectionString;
            logger.LogInformation("PostgreSQL: local cluster in {Folder} on 127.0.0.1:{Port}", folder, port);
            return (new PostgresServer(Name, connectionString, () => StopAndRemoveAsync(pgCtl, dataDir, folder, runAsServiceUser, immediate: false)), null);
        }
        catch
        {
            await StopAndRemoveAsync(pgCtl, dataDir, folder, runAsServiceUser, immediate: true);
            throw;
        }
    }

    /// <summary>Finds cluster folders whose owning process is gone, stops their server and deletes them.</summary>
    public static async Task<int> SweepAbandonedClustersAsync(string workRoot, string pgCtl, ILogger logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(workRoot)) return 0;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(workRoot, ClusterFolderPrefix + "*"))
        {
            if (IsOwnerAlive(folder)) continue;
            logger.LogWarning("PostgreSQL: removing cluster {Folder} left behind by a process that no longer exists", folder);
            var runAsServiceUser = Environment.UserName == "root";
            await StopAndRemoveAsync(pgCtl, Path.Combine(folder, "data"), folder, runAsServiceUser, immediate: true);
            removed++;
        }
        return removed;
    }

    private static bool IsOwnerAlive(string folder)
    {
        var ownerPath = Path.Combine(folder, OwnerFile);
        ClusterOwner? owner = null;
        try
        {
            owner = JsonSerializer.Deserialize<ClusterOwner>(File.ReadAllText(ownerPath));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // No readable owner record: only a folder still being created can be in that state; give it a minute.
            return Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-1);
        }
        if (owner is null) return false;
        try
        {
            using var process = Process.GetProcessById(owner.ProcessId);
            // A reused pid belongs to a process that started later than the recorded owner.
            return Math.Abs((process.StartTime.ToUniversalTime() - owner.StartedUtc).TotalSeconds) < 2;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Crashes the cluster in <paramref name="dataDir"/> (<c>pg_ctl restart -m immediate</c>: every backend killed, no
    /// checkpoint) and waits until it accepts connections again after crash recovery: what a server restart does to a run.
    /// </summary>
    public static async Task RestartImmediatelyAsync(string dataDir)
    {
        var pgCtl = PostgresBinaries.Find("pg_ctl") ?? throw new InvalidOperationException("pg_ctl was not found on PATH or under `pg_config --bindir`");
        var runAsServiceUser = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        // The log file keeps the restarted postmaster off pg_ctl's stdout, which would otherwise stay open for its lifetime.
        var log = Path.Combine(Path.GetDirectoryName(dataDir)!, "server.log");
        var restart = await RunAsync(runAsServiceUser, pgCtl, ["-D", dataDir, "-l", log, "-m", "immediate", "-w", "-t", "60", "restart"], CancellationToken.None);
        if (!restart.Succeeded) throw new InvalidOperationException($"pg_ctl restart -m immediate failed: {restart.ErrorSummary}");
    }

    private static async Task StopAndRemoveAsync(string pgCtl, string dataDir, string folder, bool runAsServiceUser, bool immediate)
    {
        if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
        {
            await RunAsync(runAsServiceUser, pgCtl, ["-D", dataDir, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60", "stop"], CancellationToken.None);
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static Task<ProcessResult> RunAsync(bool runAsServiceUser, string program, string[] arguments, CancellationToken cancellationToken) =>
        runAsServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], cancellationToken: cancellationToken)
            : ProcessRunner.RunAsync(program, arguments, cancellationToken: cancellationToken);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string PlainWord(string text, string what) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            ? text
            : throw new ArgumentException($"server setting {what} '{text}' is not a plain word (letters, digits, _ . -)");

    private static string Trim(string text) => text.Length > 2000 ? text[^2000..] : text.Trim();

    private sealed record ClusterOwner(int ProcessId, DateTime StartedUtc);
}
