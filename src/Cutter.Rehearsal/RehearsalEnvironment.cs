using System.Globalization;
using System.Text.Json;
using Cutter.Configuration;
using Cutter.Store;
using Cutter.Rehearsal.Disposable;
using Cutter.Rehearsal.Seeding;
using Cutter.Orchestration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cutter.Rehearsal;

/// <summary>
/// Everything a rehearsal needs and nothing a production run has: a disposable PostgreSQL with a migrated store
/// seeded with the sample registry, a folder KB holding the samples, a throwaway GPG key for the backup, a
/// throwaway SSH key for the approver, and the configuration that pins what was found. Files go under
/// <see cref="WorkDir"/>, which outlives the server so the run's state, KB docs and report can be read afterwards.
/// </summary>
internal sealed class RehearsalEnvironment : IAsyncDisposable
{
    public const string ApproverPrincipal = "approver@rehearsal";
    public const string VerifierPrincipal = "verifier@rehearsal";
    public const string RunnerPrincipal = "runner@rehearsal";
    public const string ConfigFileName = "cutter.json";
    public const string EnvFileName = "cutter.env";
    public const string SchemaListingFileName = "schema-listing.txt";
    /// <summary>A TRX or JUnit file of the release's test run, for the rehearsal's test-baseline precheck.</summary>
    public const string TestResultsVariable = "CUTTER_REHEARSAL_TEST_RESULTS";

    private readonly bool _ownsServer;
    private bool _keep;

    private RehearsalEnvironment(string workDir, DisposableStoreServer server, bool ownsServer, StoreDatabase store, ThrowawayGpgHome gpg, ThrowawaySshKey approver, ThrowawaySshKey verifier, OrchestratorSettings settings, StoreAccess access)
    {
        _ownsServer = ownsServer;
        WorkDir = workDir;
        Server = server;
        Store = store;
        Gpg = gpg;
        Approver = approver;
        Verifier = verifier;
        Settings = settings;
        Access = access;
    }

    public string WorkDir { get; }
    public DisposableStoreServer Server { get; }
    public StoreDatabase Store { get; }
    public ThrowawayGpgHome Gpg { get; }
    public ThrowawaySshKey Approver { get; }
    public ThrowawaySshKey Verifier { get; }
    public OrchestratorSettings Settings { get; }
    public StoreAccess Access { get; private set; }

    /// <summary>The environment a run here sees: the process environment, with the rehearsal's backup key.</summary>
    public string? ReadEnvironment(string name) =>
        name == EnvironmentNames.BackupGpgFingerprint ? Gpg.Fingerprint : Environment.GetEnvironmentVariable(name);

    /// <summary>Starts a disposable server of its own (torn down on dispose) and prepares a rehearsal on it.</summary>
    public static async Task<RehearsalEnvironment> CreateAsync(string workDir, ILogger logger, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var server = await DisposableStoreServer.StartAsync(new DisposablePostgresOptions(), logger, cancellationToken);
        try
        {
            return await CreateOnAsync(server, ownsServer: true, workDir, logger, time, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Prepares a rehearsal in a fresh store database on <paramref name="server"/> (dropped on dispose).</summary>
    public static async Task<RehearsalEnvironment> CreateOnAsync(DisposableStoreServer server, bool ownsServer, string workDir, ILogger logger, TimeProvider time, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(workDir);
        workDir = Path.GetFullPath(workDir);
        var store = await server.NewStoreAsync(cancellationToken);
        try
        {
            var kbRoot = Path.Combine(workDir, "kb");
            var seeded = await SampleRegistry.SeedAsync(store.OwnerConnectionString, kbRoot, time, cancellationToken);
            logger.LogInformation("rehearsal: seeded {Count} sample documents ({Codes})", seeded.Count, string.Join(", ", seeded));

            var gpg = await ThrowawayGpgHome.CreateAsync("Cutter Rehearsal Backup <backup@rehearsal.invalid>", cancellationToken);
            var keys = Path.Combine(workDir, "keys");
            var approver = await ThrowawaySshKey.CreateAsync(keys, ApproverPrincipal, cancellationToken);
            var verifier = await ThrowawaySshKey.CreateAsync(keys, VerifierPrincipal, cancellationToken);
            // The runner's key signs the log checkpoints and the closeout doc (docs/audit.md).
            var runner = await ThrowawaySshKey.CreateAsync(keys, RunnerPrincipal, cancellationToken);
            var allowedSigners = Path.Combine(workDir, "allowed_signers");
            await File.WriteAllTextAsync(allowedSigners,
                approver.AllowedSignersLine("cutter-approval") + "\n" + verifier.AllowedSignersLine("cutter-report") + "\n"
                + runner.AllowedSignersLine(Orchestration.Audit.LogCheckpoint.SignatureNamespace, Orchestration.Audit.CheckpointWriter.CloseoutNamespace) + "\n", cancellationToken);

            // The "previous release" a rehearsal checks is a copy of the library it runs, with its manifest.
            var previousRelease = Path.Combine(workDir, "release", "previous");
            Directory.CreateDirectory(previousRelease);
            File.Copy(typeof(RehearsalEnvironment).Assembly.Location, Path.Combine(previousRelease, Path.GetFileName(typeof(RehearsalEnvironment).Assembly.Location)), overwrite: true);
            var manifest = Path.Combine(workDir, "release", "previous.manifest");
            Orchestration.Prechecks.ReleaseManifest.Write(previousRelease, manifest);

            var settings = new OrchestratorSettings
            {
                RequiredPaths = [kbRoot, allowedSigners, previousRelease],
                PreviousReleaseDir = previousRelease,
                PreviousReleaseManifest = manifest,
                ScanPaths = [Path.Combine(workDir, ConfigFileName)],
                SidecarRoot = Path.Combine(workDir, "runs"),
                BatchDir = Path.Combine(workDir, "batches"),
                GlobalLocksDir = Path.Combine(workDir, "locks"),
                KbRoot = kbRoot,
                BackupDir = Path.Combine(workDir, "backups"),
                AllowedSignersFile = allowedSigners,
                ExpectedHost = Environment.MachineName,
                GpgHome = gpg.Home,
                RequireRestoreProof = true,
                VerifierKey = verifier.PrivateKeyPath,
                RunnerKey = runner.PrivateKeyPath,
            };
            var testResults = Environment.GetEnvironmentVariable(TestResultsVariable);
            if (!string.IsNullOrWhiteSpace(testResults))
            {
                settings.TestBaselineFile = Path.GetFullPath(testResults);
                settings.TestBaselineMin = 1;
            }
            else
            {
                settings.PrecheckWaivers[Orchestration.Prechecks.TestBaselineCheck.CheckName] =
                    $"rehearsal: no release test results given (set {TestResultsVariable} to a TRX or JUnit file to check them)";
            }
            await using (var connection = new NpgsqlConnection(store.VerifyConnectionString))
            {
                await connection.OpenAsync(cancellationToken);
                settings.ExpectedGrantMatrixSha = (await GrantMatrix.ReadAsync(connection, cancellationToken)).Sha.ToString();
                // The schema is pinned the same way, with the reviewed listing beside it so a mismatch names the objects.
                var schema = await SchemaSurface.ReadAsync(connection, cancellationToken);
                settings.ExpectedSchemaSha = schema.Sha.ToString();
                settings.ExpectedSchemaListing = Path.Combine(workDir, SchemaListingFileName);
                await File.WriteAllTextAsync(settings.ExpectedSchemaListing, schema.Canonical + "\n", cancellationToken);
                foreach (var document in await DocumentSurvey.ReadAsync(connection, cancellationToken))
                {
                    settings.PinnedCounts[document.Code] = document.Units;
                }
            }
            var access = new StoreAccess(store.ExecConnectionString, store.VerifyConnectionString, server.Server.AdminConnectionString);
            var environment = new RehearsalEnvironment(workDir, server, ownsServer, store, gpg, approver, verifier, settings, access);
            await environment.WriteConfigurationAsync(cancellationToken);
            return environment;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes cutter.json (no secrets) and cutter.env (the lane credentials, mode 0600) so the same store can be
    /// driven with the CLI: CUTTER_CONFIG=cutter.json CUTTER_ENV_FILE=cutter.env cutter status.
    /// </summary>
    public async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        var config = new Dictionary<string, object>
        {
            [OrchestratorSettings.SectionName] = new Dictionary<string, object>
            {
                ["sidecar_root"] = Settings.SidecarRoot,
                ["batch_dir"] = Settings.BatchDir,
                ["global_locks_dir"] = Settings.GlobalLocksDir,
                ["kb_root"] = Settings.KbRoot,
                ["backup_dir"] = Settings.BackupDir,
                ["allowed_signers_file"] = Settings.AllowedSignersFile,
                ["expected_host"] = Settings.ExpectedHost,
                ["expected_grant_matrix_sha"] = Settings.ExpectedGrantMatrixSha,
                ["expected_schema_sha"] = Settings.ExpectedSchemaSha,
                ["expected_schema_listing"] = Settings.ExpectedSchemaListing,
                ["gpg_home"] = Settings.GpgHome,
                ["require_restore_proof"] = Settings.RequireRestoreProof,
                ["pinned_counts"] = Settings.PinnedCounts,
                ["required_paths"] = Settings.RequiredPaths,
                ["previous_release_dir"] = Settings.PreviousReleaseDir,
                ["previous_release_manifest"] = Settings.PreviousReleaseManifest,
                ["scan_paths"] = Settings.ScanPaths,
                ["test_baseline_file"] = Settings.TestBaselineFile,
                ["test_baseline_min"] = Settings.TestBaselineMin,
                ["precheck_waivers"] = Settings.PrecheckWaivers,
                ["verifier_key"] = Settings.VerifierKey,
                ["runner_key"] = Settings.RunnerKey,
            },
        };
        await File.WriteAllTextAsync(Path.Combine(WorkDir, ConfigFileName), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

        var endpoint = Store.Endpoint;
        var lines = new[]
        {
            $"{EnvironmentNames.DbHost}={endpoint.Host}",
            $"{EnvironmentNames.DbPort}={endpoint.Port.ToString(CultureInfo.InvariantCulture)}",
            $"{EnvironmentNames.DbName}={endpoint.Database}",
            $"{EnvironmentNames.DbSslMode}=disable",
            $"{EnvironmentNames.ExecUser}={Store.ExecCredentials.User}",
            $"{EnvironmentNames.ExecPassword}={Store.ExecCredentials.Password}",
            $"{EnvironmentNames.VerifyUser}={Store.VerifyCredentials.User}",
            $"{EnvironmentNames.VerifyPassword}={Store.VerifyCredentials.Password}",
            $"{EnvironmentNames.BackupGpgFingerprint}={Gpg.Fingerprint}",
        };
        // The admin connection is what proves the restore; without it a run proves none (SkipRestoreProofAsync).
        if (Access.AdminConnectionString is { } admin) lines = [.. lines, $"{EnvironmentNames.AdminConnectionString}={admin}"];
        var envPath = Path.Combine(WorkDir, EnvFileName);
        await using (var stream = new FileStream(envPath, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(string.Join('\n', lines) + "\n");
        }
    }

    /// <summary>
    /// For tests that are not about the backup: phase 5 still dumps the store and encrypts it to the rehearsal key, but
    /// restores it into no scratch database (no admin connection, <c>require_restore_proof</c> false), which is most
    /// of that phase's time. The rehearsal, the operator path and the tests about the backup keep the proof.
    /// </summary>
    public async Task SkipRestoreProofAsync(CancellationToken cancellationToken = default)
    {
        Settings.RequireRestoreProof = false;
        Access = Access with { AdminConnectionString = null };
        await WriteConfigurationAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves the store database and the GPG home in place when this environment is disposed, so the CLI can drive the
    /// same store in later commands (<c>cutter rehearse --setup-only</c>). Only meaningful on a server that outlives
    /// this process (<c>CUTTER_TEST_PG</c>); whoever started that server removes it.
    /// </summary>
    public void KeepAfterDispose()
    {
        _keep = true;
        Server.Server.Forget(Store.Name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            // The operator's commands still need the store and the backup key; whoever owns the server removes both.
            if (_ownsServer) await Server.DisposeAsync();
            return;
        }
        await Gpg.DisposeAsync();
        if (_ownsServer) await Server.DisposeAsync();
        else await Store.DisposeAsync();
    }
}
