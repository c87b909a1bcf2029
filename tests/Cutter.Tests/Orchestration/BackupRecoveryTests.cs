using Cutter.Domain;
using Cutter.Governance.Backup;
using Cutter.Infrastructure;
using Cutter.Orchestration.Backup;
using Cutter.Orchestration.State;
using Cutter.Rehearsal.Disposable;
using Cutter.Store;
using Cutter.Tests.Governance.Backup;
using Cutter.Tests.Store;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Phase 5 run again after a crash: it recognizes the files it finished itself and starts over under the next attempt
/// name, never touches a stranger's file, and the scratch work of dead processes (plain dumps in temp folders, restore
/// scratch databases) is swept while a live process's and an unmarked one stay.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BackupRecoveryTests(PostgresFixture postgres, GpgTestHome gpg) : IClassFixture<GpgTestHome>
{
    private async Task<(StoreDatabase Store, List<DocumentSnapshot> Snapshot)> SeededAsync()
    {
        var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        return (store, (await DocumentSurvey.ReadAsync(store.OwnerConnectionString)).Select(DocumentSnapshot.Of).ToList());
    }

    [Fact]
    public async Task A_rerun_after_a_crash_starts_over_under_the_next_attempt_name_and_leaves_the_first_file_as_it_was()
    {
        using var dir = new TempFolder();
        var (store, snapshot) = await SeededAsync();
        await using var _ = store;
        var engine = new GovernedBackupEngine(BackupOptions.Create(gpg.Fingerprint, Path.Combine(dir.Path, "backups"), gpg.Home), store.OwnerConnectionString, null, TimeProvider.System);
        var runId = RunId.New();
        var runFolder = Directory.CreateDirectory(Path.Combine(dir.Path, "run")).FullName;

        var first = await engine.BackupAsync(runId, runFolder, snapshot, CancellationToken.None);
        var firstBytes = await File.ReadAllBytesAsync(first.File);
        var again = await engine.BackupAsync(runId, runFolder, snapshot, CancellationToken.None);

        Assert.Equal($"cutter-{runId}.dump.gpg", Path.GetFileName(first.File));
        Assert.Equal($"cutter-{runId}-attempt-2.dump.gpg", Path.GetFileName(again.File));
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(first.File));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "backups"), "*" + BackupService.PartialSuffix));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_at_the_attempt_path_that_this_run_did_not_finish_is_a_stranger_s_and_is_never_overwritten(bool recordedThenChanged)
    {
        using var dir = new TempFolder();
        var (store, snapshot) = await SeededAsync();
        await using var _ = store;
        var backups = Path.Combine(dir.Path, "backups");
        var engine = new GovernedBackupEngine(BackupOptions.Create(gpg.Fingerprint, backups, gpg.Home), store.OwnerConnectionString, null, TimeProvider.System);
        var runId = RunId.New();
        var runFolder = Directory.CreateDirectory(Path.Combine(dir.Path, "run")).FullName;
        var path = Path.Combine(backups, $"cutter-{runId}.dump.gpg");
        if (recordedThenChanged)
        {
            // This run's own file, changed after it was recorded: no longer provably the run's.
            await engine.BackupAsync(runId, runFolder, snapshot, CancellationToken.None);
        }
        Directory.CreateDirectory(backups);
        await File.WriteAllTextAsync(path, "someone else's file\n");

        var stop = await Assert.ThrowsAsync<StopException>(() => engine.BackupAsync(runId, runFolder, snapshot, CancellationToken.None));

        Assert.Equal(StopCodes.BackupFailed, stop.Code);
        Assert.Contains($"'{path}' already exists and is not a backup this run finished", stop.Detail, StringComparison.Ordinal);
        Assert.Equal("someone else's file\n", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(backups));
    }

    [Fact]
    public async Task Temp_folders_of_dead_processes_are_swept_and_a_live_process_s_and_an_unmarked_one_stay()
    {
        using var temp = new TempFolder();
        var dead = await DeadOwnerAsync();
        var abandoned = Folder(temp.Path, "abandoned", dead.ToJson());
        var live = Folder(temp.Path, "live", ProcessOwner.Current.ToJson());
        var unmarked = Folder(temp.Path, "unmarked", null);
        var reusedPid = Folder(temp.Path, "reused", (ProcessOwner.Current with { ProcessStartUtc = ProcessOwner.Current.ProcessStartUtc.AddHours(-1) }).ToJson());
        var otherHost = Folder(temp.Path, "elsewhere", (dead with { Host = dead.Host + "-other" }).ToJson());

        var swept = PrivateTempDirectory.SweepAbandoned(temp.Path);

        Assert.Equal([abandoned, reusedPid], swept.Order(StringComparer.Ordinal).ToArray());
        Assert.False(Directory.Exists(abandoned));
        Assert.False(Directory.Exists(reusedPid));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(unmarked));
        Assert.True(Directory.Exists(otherHost));
    }

    [Fact]
    public async Task Restore_scratch_databases_of_dead_processes_are_dropped_and_a_live_process_s_and_an_uncommented_one_stay()
    {
        var admin = postgres.Server.Server.AdminConnectionString;
        var dead = ScratchName();
        var live = ScratchName();
        var uncommented = ScratchName();
        foreach (var name in new[] { dead, live, uncommented }) await Sql.ExecAsync(admin, $"CREATE DATABASE \"{name}\"");
        try
        {
            await Sql.ExecAsync(admin, $"COMMENT ON DATABASE \"{dead}\" IS '{RestoreProof.OwnerCommentPrefix}{(await DeadOwnerAsync()).ToJson()}'");
            await Sql.ExecAsync(admin, $"COMMENT ON DATABASE \"{live}\" IS '{RestoreProof.OwnerCommentPrefix}{ProcessOwner.Current.ToJson()}'");

            var dropped = await RestoreProof.SweepAbandonedAsync(admin, CancellationToken.None);

            Assert.Contains(dead, dropped);
            Assert.DoesNotContain(live, dropped);
            Assert.DoesNotContain(uncommented, dropped);
            var left = await Sql.ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname IN ('{dead}', '{live}', '{uncommented}')");
            Assert.Equal(2L, left);
        }
        finally
        {
            foreach (var name in new[] { dead, live, uncommented }) await Sql.ExecAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static string ScratchName() => RestoreProof.ScratchPrefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The owner record of a process that ran on this host and has exited.</summary>
    private static async Task<ProcessOwner> DeadOwnerAsync()
    {
        using var process = System.Diagnostics.Process.Start("sleep", "0.2")!;
        var pid = process.Id;
        var started = process.StartTime.ToUniversalTime();
        await process.WaitForExitAsync();
        return new ProcessOwner(Environment.MachineName, pid, new DateTimeOffset(started));
    }

    private static string Folder(string root, string name, string? owner)
    {
        var path = Directory.CreateDirectory(Path.Combine(root, PrivateTempDirectory.Prefix + name)).FullName;
        File.WriteAllText(Path.Combine(path, "store.dump"), "plain");
        if (owner is not null) File.WriteAllText(Path.Combine(path, PrivateTempDirectory.OwnerFileName), owner);
        return path;
    }
}
