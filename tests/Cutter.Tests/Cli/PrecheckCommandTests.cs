using System.Text.Json;
using Cutter.Cli;
using Cutter.Configuration;
using Cutter.Infrastructure;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Orchestration.Prechecks;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>Runs the real `cutter precheck` process against real files and a real store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PrecheckCommandTests(PostgresFixture postgres) : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<ProcessResult> CutterAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        CutterProcess.RunIsolatedAsync(environment, _dir.Path, arguments);

    [Fact]
    public async Task Help_lists_the_options()
    {
        var result = await CutterAsync(new Dictionary<string, string?>(), "precheck", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--config", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--json", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_config_file_exits_with_a_usage_error_naming_it()
    {
        var result = await CutterAsync(new Dictionary<string, string?>(), "precheck");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal($"error: {_dir.Path}/cutter.json: configuration file does not exist (give --config FILE or set CUTTER_CONFIG)\n", result.StandardError);
    }

    [Fact]
    public async Task World_readable_env_file_is_refused()
    {
        _dir.File("cutter.json", "{}");
        var envFile = _dir.File("cutter.envfile", "DOT_CUTTER_DB_HOST=db\n");
        File.SetUnixFileMode(envFile, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await CutterAsync(new Dictionary<string, string?> { [EnvironmentNames.EnvFile] = envFile }, "precheck");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal($"error: {envFile}: env file mode 0644 lets group or others read or write it; refused (run chmod 600 {envFile})\n", result.StandardError);
    }

    [Fact]
    public async Task Precheck_against_a_real_store_prints_the_table_and_exits_4_when_a_check_fails()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, Store.StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        GrantMatrix matrix;
        SchemaSurface schema;
        await using (var owner = new NpgsqlConnection(store.OwnerConnectionString))
        {
            await owner.OpenAsync();
            matrix = await GrantMatrix.ReadAsync(owner);
            schema = await SchemaSurface.ReadAsync(owner);
        }
        var release = Path.Combine(_dir.Path, "v0.4");
        _dir.File("v0.4/bin/cutter.dll", "v0.4");
        var manifest = Path.Combine(_dir.Path, "v0.4.sha256");
        ReleaseManifest.Write(release, manifest);
        var baseline = Path.Combine(AppContext.BaseDirectory, "Corpus", "Prechecks", "dotnet-test-9-passed.trx");
        var config = _dir.File("site.json", JsonSerializer.Serialize(new
        {
            orchestrator = new Dictionary<string, object>
            {
                ["expected_host"] = HostIdentityCheck.MachineHostName(),
                ["required_paths"] = new[] { release },
                ["previous_release_dir"] = release,
                ["previous_release_manifest"] = manifest,
                ["test_baseline_file"] = baseline,
                ["test_baseline_min"] = 9,
                ["pinned_counts"] = new Dictionary<string, long> { ["TEST-DOC"] = 2 },
                ["expected_grant_matrix_sha"] = matrix.Sha.ToString(),
                ["expected_schema_sha"] = schema.Sha.ToString(),
                ["scan_paths"] = new[] { manifest },
            },
        }));
        var envFile = _dir.File("cutter.envfile", string.Join('\n',
            $"{EnvironmentNames.DbHost}={store.Endpoint.Host}",
            $"{EnvironmentNames.DbPort}={store.Endpoint.Port}",
            $"{EnvironmentNames.DbName}={store.Endpoint.Database}",
            $"{EnvironmentNames.DbSslMode}=disable",
            $"{EnvironmentNames.VerifyUser}={store.VerifyCredentials.User}",
            $"{EnvironmentNames.VerifyPassword}={store.VerifyCredentials.Password}",
            $"{EnvironmentNames.BackupGpgFingerprint}={new string('A', 40)}",
            ""));
        File.SetUnixFileMode(envFile, OwnerOnly);
        // A keyring gpg has never used: its first run prints notices ("directory ... created", "keybox ... created")
        // before the lookup fails, and the table must still keep one row per check.
        var environment = new Dictionary<string, string?> { [EnvironmentNames.EnvFile] = envFile, ["GNUPGHOME"] = Path.Combine(_dir.Path, "fresh-gnupg") };

        var table = await CutterAsync(environment, "precheck", "--config", config);
        var json = await CutterAsync(environment, "precheck", "--config", config, "--json");

        Assert.Equal(ExitCodes.ChecksFailed, table.ExitCode);
        var lines = table.StandardOutput.Split('\n');
        Assert.Equal("CHECK                    RESULT  REASON", lines[0]);
        Assert.StartsWith("host_identity            PASS    host '", lines[1], StringComparison.Ordinal);
        Assert.Equal($"install_paths            PASS    1 required path(s) present; previous release {release} intact (1 files)", lines[2]);
        Assert.Equal($"test_baseline            PASS    9/9 passed (Trx {baseline}; baseline 9)", lines[3]);
        Assert.Equal("drift                    PASS    1 pinned document(s) match their counts", lines[4]);
        Assert.StartsWith($"grant_matrix             PASS    grant matrix sha {matrix.Sha} matches the pin", lines[5], StringComparison.Ordinal);
        Assert.Equal($"schema_pin               PASS    schema sha {schema.Sha} ({schema.Lines.Count} lines) matches the pin", lines[6]);
        Assert.StartsWith($"backup_key               FAIL    could not run: backup key check failed: backup key {new string('A', 40)} is not in the default keyring", lines[7], StringComparison.Ordinal);
        Assert.Equal("execution_authorization  N/A     checked at phase 6 against the run's ruling", lines[8]);
        Assert.StartsWith("secret_scan              PASS    ", lines[9], StringComparison.Ordinal);
        Assert.Equal("9 check(s): 7 passed, 1 failed, 0 waived, 1 not applicable", lines[10]);
        Assert.Equal([""], lines[11..]);
        Assert.DoesNotContain(store.VerifyCredentials.Password, table.StandardOutput + table.StandardError, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.ChecksFailed, json.ExitCode);
        using var report = JsonDocument.Parse(json.StandardOutput);
        Assert.False(report.RootElement.GetProperty("all_passed").GetBoolean());
        Assert.Equal(
            ["PASS", "PASS", "PASS", "PASS", "PASS", "PASS", "FAIL", "N/A", "PASS"],
            report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task Unset_database_variables_fail_the_store_checks_by_name()
    {
        var config = _dir.File("site.json", """{ "orchestrator": { "pinned_counts": { "ICX-CONST": 60 } } }""");

        var result = await CutterAsync(new Dictionary<string, string?>(), "precheck", "--config", config);

        Assert.Equal(ExitCodes.ChecksFailed, result.ExitCode);
        Assert.Contains("\ndrift                    FAIL    could not run: DOT_CUTTER_DB_HOST: is not set\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_manifest_command_writes_what_the_precheck_compares()
    {
        var release = Path.Combine(_dir.Path, "v0.4");
        _dir.File("v0.4/bin/cutter.dll", "v0.4");
        _dir.File("v0.4/etc/cutter.json", "{}");
        var manifest = Path.Combine(release, "MANIFEST.sha256");

        var printed = await CutterAsync(new Dictionary<string, string?>(), "release-manifest", release);
        var written = await CutterAsync(new Dictionary<string, string?>(), "release-manifest", release, "--output", manifest);
        var missing = await CutterAsync(new Dictionary<string, string?>(), "release-manifest", Path.Combine(_dir.Path, "absent"));

        Assert.Equal(ExitCodes.Ok, printed.ExitCode);
        Assert.Equal(ReleaseManifest.Create(release, excludeFile: manifest).Render(), printed.StandardOutput);
        Assert.Equal(ExitCodes.Ok, written.ExitCode);
        Assert.Equal(printed.StandardOutput, File.ReadAllText(manifest));
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Equal($"error: {Path.Combine(_dir.Path, "absent")}: release folder does not exist\n", missing.StandardError);
    }
}
