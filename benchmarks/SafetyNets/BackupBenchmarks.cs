using BenchmarkDotNet.Attributes;
using Cutter.Governance.Backup;
using Cutter.Infrastructure;
using Cutter.Rehearsal;

namespace Cutter.Benchmarks.SafetyNets;

/// <summary>
/// What: phase 5's safety net against the store size: the narrow backup (<see cref="BackupService"/>: in-server
/// survey, <c>pg_dump -Fc</c> of the store schemas, gpg encryption, sha of the file) and its restore proof
/// (<see cref="RestoreProof"/>: sha check, gpg decrypt, <c>pg_restore</c> into a scratch database, in-server survey
/// and comparison). Compared with a bare <c>pg_dump -Fc</c> of the same schemas by the same lane (the Baseline), and,
/// for the proof, a bare <c>pg_restore</c> of that dump into a scratch database.
/// </summary>
[Config(typeof(SafetyNetConfig))]
public class BackupBenchmarks : SeededStoreBenchmark
{
    private ThrowawayGpgHome _gpg = null!;
    private string _folder = "";
    private BackupOptions _options = null!;
    private BackupArtifact _artifact = null!;
    private string _bareDump = "";
    private int _iteration;

    protected override async Task AfterSeedAsync()
    {
        _gpg = await ThrowawayGpgHome.CreateAsync("Cutter Benchmark Backup <backup@benchmark.invalid>");
        _folder = Directory.CreateTempSubdirectory("cutter-bench-backup-").FullName;
        _options = BackupOptions.Create(_gpg.Fingerprint, Path.Combine(_folder, "backups"), _gpg.Home);
        _artifact = await new BackupService(_options, TimeProvider.System).CreateAsync(Store.VerifyConnectionString, "setup");
        _bareDump = Path.Combine(_folder, "bare.dump");
        await BarePgDumpAsync(_bareDump);
    }

    protected override async Task BeforeTeardownAsync()
    {
        await _gpg.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "bare pg_dump -Fc")]
    public Task BarePgDump() => BarePgDumpAsync(Path.Combine(_folder, $"bare-{++_iteration}.dump"));

    [Benchmark(Description = "backup (survey + pg_dump + gpg + sha)")]
    public async Task<string> Backup() => (await new BackupService(_options, TimeProvider.System).CreateAsync(Store.VerifyConnectionString, $"run-{++_iteration}")).EncryptedSha256.ToString();

    [Benchmark(Description = "restore proof (decrypt + pg_restore + survey)")]
    public async Task<int> RestoreProof()
    {
        var result = await new RestoreProof(_options).ProveAsync(_artifact, Server.Server.AdminConnectionString, _artifact.Footprints);
        return result.Differences.Count == 0 ? result.Restored.Count : throw new InvalidOperationException("restore proof found differences");
    }

    [Benchmark(Description = "bare pg_restore into a scratch db")]
    public async Task BarePgRestore()
    {
        var database = await Server.Server.CreateDatabaseAsync();
        try
        {
            var connection = PgConnectionArguments.From(Server.Server.AdminConnectionString, database);
            var restore = await ProcessRunner.RunAsync(PostgresBinaries.Require("pg_restore", null),
                ["--exit-on-error", "--no-owner", "--no-acl", .. connection.Arguments, _bareDump], connection.Environment);
            if (!restore.Succeeded) throw new InvalidOperationException($"pg_restore failed: {restore.StandardError}");
        }
        finally
        {
            await Server.Server.DropDatabaseAsync(database);
        }
    }

    [IterationCleanup]
    public void RemoveIterationFiles()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "bare-*.dump")) File.Delete(file);
        foreach (var file in Directory.EnumerateFiles(_options.BackupDirectory, "run-*")) File.Delete(file);
    }

    private async Task BarePgDumpAsync(string path)
    {
        var connection = PgConnectionArguments.From(Store.VerifyConnectionString);
        var schemas = BackupService.StoreSchemas.SelectMany(s => new[] { "--schema", s });
        var dump = await ProcessRunner.RunAsync(PostgresBinaries.Require("pg_dump", null), ["--format=custom", "--file", path, .. schemas, .. connection.Arguments], connection.Environment);
        if (!dump.Succeeded) throw new InvalidOperationException($"pg_dump failed: {dump.StandardError}");
    }
}
