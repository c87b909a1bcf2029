using System.Text.Json;
using Cutter.Configuration;
using Cutter.Domain;
using Cutter.Orchestration.Prechecks;
using Cutter.Store;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration.Prechecks;

[Collection(PostgresCollection.Name)]
public sealed class PrecheckSuiteTests(PostgresFixture postgres)
{
    private static Task<IReadOnlyList<string>> NoFindings(IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    private static Task<bool> NoKeys(string fingerprint, CancellationToken cancellationToken) => Task.FromResult(false);

    [Fact]
    public async Task Default_suite_on_a_ready_install_passes_every_check_in_the_seed_order()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, Store.StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        await using var keyring = await GpgTestKeyring.CreateAsync();
        using var files = new TempDirectory();
        var release = Path.Combine(files.Path, "v0.4");
        files.File("v0.4/bin/cutter.dll", "v0.4");
        var manifest = Path.Combine(files.Path, "v0.4.sha256");
        ReleaseManifest.Write(release, manifest);
        GrantMatrix matrix;
        SchemaSurface schema;
        await using (var owner = new NpgsqlConnection(store.OwnerConnectionString))
        {
            await owner.OpenAsync();
            matrix = await GrantMatrix.ReadAsync(owner);
            schema = await SchemaSurface.ReadAsync(owner);
        }
        var settings = new OrchestratorSettings
        {
            ExpectedHost = "runner-7",
            RequiredPaths = [release],
            PreviousReleaseDir = release,
            PreviousReleaseManifest = manifest,
            TestBaselineFile = Path.Combine(AppContext.BaseDirectory, "Corpus", "Prechecks", "dotnet-test-9-passed.trx"),
            TestBaselineMin = 9,
            PinnedCounts = new() { ["TEST-DOC"] = 2 },
            ExpectedGrantMatrixSha = matrix.Sha.ToString(),
            ExpectedSchemaSha = schema.Sha.ToString(),
            ScanPaths = [manifest],
        };
        var context = PrecheckContexts.For(settings, "runner-7", store.VerifyConnectionString,
            new Dictionary<string, string> { [EnvironmentNames.BackupGpgFingerprint] = keyring.Fingerprint });

        var report = await PrecheckSuite.Default(keyring.ContainsAsync, NoFindings).RunAsync(context, CancellationToken.None);

        Assert.True(report.AllPassed, report.Render());
        Assert.Equal(
            ["host_identity", "install_paths", "test_baseline", "drift", "grant_matrix", "schema_pin", "backup_key", "execution_authorization", "secret_scan"],
            report.Results.Select(r => r.Name));
        Assert.All(report.Results.Where(r => r.Name != ExecutionAuthorizationCheck.CheckName), r => Assert.Equal(PrecheckVerdict.Passed, r.Verdict));
        Assert.Equal(PrecheckVerdict.NotApplicable, report.Results.Single(r => r.Name == ExecutionAuthorizationCheck.CheckName).Verdict);
    }

    [Fact]
    public async Task Unconfigured_install_runs_every_check_and_renders_an_aligned_table()
    {
        var report = await PrecheckSuite.Default(NoKeys, NoFindings).RunAsync(PrecheckContexts.For(new OrchestratorSettings()), CancellationToken.None);

        Assert.False(report.AllPassed);
        Assert.Equal(8, report.Failures.Count);
        Assert.Equal(
            """
            CHECK                    RESULT  REASON
            host_identity            FAIL    orchestrator.expected_host is not set
            install_paths            FAIL    orchestrator.required_paths is empty; orchestrator.previous_release_dir is not set
            test_baseline            FAIL    orchestrator.test_baseline_file is not set
            drift                    FAIL    orchestrator.pinned_counts is empty
            grant_matrix             FAIL    orchestrator.expected_grant_matrix_sha is not set
            schema_pin               FAIL    orchestrator.expected_schema_sha is not set
            backup_key               FAIL    BACKUP_GPG_FPR is not set
            execution_authorization  N/A     checked at phase 6 against the run's ruling
            secret_scan              FAIL    orchestrator.scan_paths is empty
            9 check(s): 0 passed, 8 failed, 0 waived, 1 not applicable

            """.ReplaceLineEndings("\n"),
            report.Render());
    }

    [Fact]
    public async Task A_throwing_check_is_a_failed_line_and_later_checks_still_run()
    {
        var settings = new OrchestratorSettings { PinnedCounts = new() { ["ICX-CONST"] = 60 }, ExpectedHost = "runner-7" };
        var suite = new PrecheckSuite([new DriftCheck(), new HostIdentityCheck()]);

        var report = await suite.RunAsync(PrecheckContexts.For(settings, "runner-7"), CancellationToken.None);

        Assert.Equal(PrecheckResult.Fail(DriftCheck.CheckName, "could not run: this test has no store"), report.Results[0]);
        Assert.Equal(PrecheckVerdict.Passed, report.Results[1].Verdict);
    }

    [Fact]
    public async Task Waived_check_does_not_run_and_reports_its_reason()
    {
        var settings = new OrchestratorSettings
        {
            PinnedCounts = new() { ["ICX-CONST"] = 60 },
            PrecheckWaivers = new() { ["drift"] = "store rebuilt from backup, counts re-pinned after this run" },
        };
        var suite = new PrecheckSuite([new DriftCheck(), new ExecutionAuthorizationCheck()]);

        var report = await suite.RunAsync(PrecheckContexts.For(settings), CancellationToken.None);

        Assert.True(report.AllPassed);
        Assert.Equal(PrecheckResult.Waive("drift", "store rebuilt from backup, counts re-pinned after this run"), report.Results[0]);
        Assert.Equal(
            """
            CHECK                    RESULT  REASON
            drift                    WAIVED  store rebuilt from backup, counts re-pinned after this run
            execution_authorization  N/A     checked at phase 6 against the run's ruling
            2 check(s): 0 passed, 0 failed, 1 waived, 1 not applicable

            """.ReplaceLineEndings("\n"),
            report.Render());
    }

    [Theory]
    [InlineData("host", "skip", "orchestrator.precheck_waivers: 'host' is not a precheck (known: host_identity, drift)")]
    [InlineData("drift", " ", "orchestrator.precheck_waivers.drift: a waiver must give its reason")]
    public async Task Waiver_for_an_unknown_check_or_without_reason_is_refused(string name, string reason, string expected)
    {
        var settings = new OrchestratorSettings { PrecheckWaivers = new() { [name] = reason } };
        var suite = new PrecheckSuite([new HostIdentityCheck(), new DriftCheck()]);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => suite.RunAsync(PrecheckContexts.For(settings), CancellationToken.None));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task Failed_rows_show_every_detail_and_json_carries_stop_codes()
    {
        using var files = new TempDirectory();
        var missing = Enumerable.Range(1, 2).Select(i => Path.Combine(files.Path, $"gone{i}")).ToArray();
        var settings = new OrchestratorSettings { RequiredPaths = [.. missing], PreviousReleaseDir = files.Path, PreviousReleaseManifest = files.File("m.sha256", "") };
        var suite = new PrecheckSuite([new InstallPathsCheck()]);

        var report = await suite.RunAsync(PrecheckContexts.For(settings), CancellationToken.None);

        Assert.Equal(
            $"""
            CHECK          RESULT  REASON
            install_paths  FAIL    required path(s) missing: {missing[0]}, {missing[1]}
                                   - missing required path {missing[0]}
                                   - missing required path {missing[1]}
            1 check(s): 0 passed, 1 failed, 0 waived

            """.ReplaceLineEndings("\n"),
            report.Render());
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.False(json.RootElement.GetProperty("all_passed").GetBoolean());
        var check = json.RootElement.GetProperty("checks")[0];
        Assert.Equal("FAIL", check.GetProperty("result").GetString());
        Assert.Equal("STOP_PRECHECK_FAILED", check.GetProperty("stop_code").GetString());
        Assert.Equal(2, check.GetProperty("details").GetArrayLength());
    }
}
