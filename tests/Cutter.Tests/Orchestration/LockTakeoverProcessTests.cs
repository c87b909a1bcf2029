using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Orchestration.Locks;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Store;
using Cutter.Store.Writes;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// The document lock across real `cutter` processes: a holder killed with SIGKILL mid-run leaves its lock file behind
/// (the server frees its advisory lock); a new run of the document is still refused while the half-done run is
/// unfinished, and that run's resume takes the stale lock over and carries it on to closeout.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class LockTakeoverProcessTests(PostgresFixture postgres)
{
    private static readonly KbDocId Document = KbDocId.Parse("KB-2186");

    private static Task<IReadOnlyList<DocumentFootprint>>? s_uninterrupted;

    [Fact]
    public async Task A_holder_killed_before_phase_7_commits_is_taken_over_by_its_resume_which_redoes_phase_7_to_closeout()
    {
        using var folder = new TempFolder();
        await using var env = await CreateEnvironmentAsync(folder);
        var driver = new ProcessRunDriver(env);

        var (run, dead) = await KillInsidePhase7Async(driver, env, "before-commit:7");
        Assert.Equal(0L, await UnitsOfTargetAsync(driver));
        await AssertNewRunIsRefusedAndWritesNothingAsync(driver, env, run);
        var (final, resumes) = await ResumeToCloseoutAsync(driver, env, run, dead);

        // Phase 7's transaction died with the process: nothing of it is in the store or the ledger, so it simply runs again.
        Assert.DoesNotContain(final.Warnings, w => w.Contains("behind the phase ledger", StringComparison.Ordinal));
        Assert.All(resumes, r => Assert.DoesNotContain("STOP_TORN_WRITE", r.StandardError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_holder_killed_after_phase_7_commits_is_taken_over_by_its_resume_which_adopts_the_ledger_to_closeout()
    {
        using var folder = new TempFolder();
        await using var env = await CreateEnvironmentAsync(folder);
        var driver = new ProcessRunDriver(env);

        var (run, dead) = await KillInsidePhase7Async(driver, env, "after-commit:7");
        Assert.Equal((long)ProcessRunDriver.TargetUnits, await UnitsOfTargetAsync(driver));
        Assert.NotEqual(PhaseResult.Passed, driver.Sidecar.LoadAll().Single().Phases.Single(p => p.Number == 7).Result);
        await AssertNewRunIsRefusedAndWritesNothingAsync(driver, env, run);
        var (final, resumes) = await ResumeToCloseoutAsync(driver, env, run, dead);

        // docs/operations.md §6, docs/state-json.md: phase 7 committed with its ledger row, so state.json is brought up to
        // the ledger with a warning; its 51 units are exactly what the ledger accounts for, so this is no torn write.
        Assert.Contains("state.json was behind the ledger at phase 7; adopting the ledger", resumes[0].StandardError, StringComparison.Ordinal);
        Assert.Single(final.Warnings, w => w.StartsWith("state.json was behind the phase ledger at phase 7 (", StringComparison.Ordinal));
        Assert.EndsWith("recovered from the phase ledger", final.Phases.Single(p => p.Number == 7).Detail, StringComparison.Ordinal);
        Assert.All(resumes, r => Assert.DoesNotContain("STOP_TORN_WRITE", r.StandardError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lock_file_of_another_host_with_an_expired_lease_and_a_free_advisory_lock_is_taken_over_by_a_new_process()
    {
        using var folder = new TempFolder();
        await using var env = await CreateEnvironmentAsync(folder);
        var driver = new ProcessRunDriver(env);
        var planted = PlantLockFile(env, DateTimeOffset.UtcNow.AddMinutes(-1));

        var result = await driver.RunAsync(ProcessRunDriver.Orchestrate);

        ProcessRunDriver.AssertStepEnded(result, ProcessRunDriver.Orchestrate);
        var state = driver.Sidecar.LoadAll().Single();
        Assert.Equal(RunStatus.AwaitingSg1, state.Status);
        var takeover = $"took over the lock on KB-2186 from run {planted.RunId}, pid {planted.ProcessId} on {planted.Host}";
        Assert.Contains(takeover, result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith(takeover, Assert.Single(state.Warnings), StringComparison.Ordinal);
        Assert.StartsWith(takeover, Assert.Single(driver.Sidecar.ReadIndex(), e => e.Event == "lock_takeover" && e.RunId == state.RunId).Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(LockPath(env)), "the new holder releases its lock file when it pauses at SG_1");
    }

    [Fact]
    public async Task A_live_advisory_lock_of_another_session_refuses_a_new_process_whatever_the_lock_file_says_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        await using var env = await CreateEnvironmentAsync(folder);
        var driver = new ProcessRunDriver(env);
        var planted = PlantLockFile(env, DateTimeOffset.UtcNow.AddHours(-1));
        var lockFile = await File.ReadAllBytesAsync(LockPath(env));
        await using var holder = new NpgsqlConnection(driver.Owner);
        await holder.OpenAsync();
        Assert.True(await RunStore.TryLockDocumentAsync(holder, Document, CancellationToken.None));
        var before = await StoreTableHashes.ReadAsync(driver.Owner);

        var result = await driver.RunAsync(ProcessRunDriver.Orchestrate);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"STOPPED STOP_DOCUMENT_LOCKED: KB-2186 is held by another process: run {planted.RunId}, pid {planted.ProcessId} on {planted.Host}",
            result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("took over", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(driver.Sidecar.LoadAll());
        Assert.Empty(driver.Sidecar.ReadIndex());
        Assert.Equal(lockFile, await File.ReadAllBytesAsync(LockPath(env)));
        Assert.Equal(before, await StoreTableHashes.ReadAsync(driver.Owner));
    }

    /// <summary>An environment whose runs prove no restore: these tests are about the lock, not the backup.</summary>
    private async Task<RehearsalEnvironment> CreateEnvironmentAsync(TempFolder folder)
    {
        var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        return env;
    }

    private static string LockPath(RehearsalEnvironment env) => DocumentLock.LockFilePath(env.Settings.GlobalLocksDir, Document);

    private static LockHolder PlantLockFile(RehearsalEnvironment env, DateTimeOffset leaseExpires) =>
        DocumentLockTests.WriteHolder(env.Settings.GlobalLocksDir, "another-host", 4242, leaseExpires);

    private static Task<long> UnitsOfTargetAsync(ProcessRunDriver driver) => Sql.ScalarAsync<long>(driver.Owner,
        "SELECT count(*) FROM cutter_core.information_unit WHERE document_id = (SELECT document_id FROM cutter_core.document WHERE kb_id = 'KB-2186')");

    /// <summary>Cuts to SG_1, approves it, and resumes with <paramref name="point"/> set: the process dies holding the document.</summary>
    private static async Task<(string Run, LockHolder Dead)> KillInsidePhase7Async(ProcessRunDriver driver, RehearsalEnvironment env, string point)
    {
        ProcessRunDriver.AssertStepEnded(await driver.RunAsync(ProcessRunDriver.Orchestrate), ProcessRunDriver.Orchestrate);
        var paused = driver.Sidecar.LoadAll().Single();
        Assert.Equal(RunStatus.AwaitingSg1, paused.Status);

        var killed = await driver.RunAsync(await driver.NextCommandAsync(paused), point);

        Assert.Equal(CutterProcess.KilledBySigkill, killed.ExitCode);
        Assert.Contains($"killing the process at {point}", killed.StandardError, StringComparison.Ordinal);
        var dead = DocumentLock.ReadHolder(LockPath(env));
        Assert.NotNull(dead);
        Assert.Equal(paused.RunId, dead.RunId);
        Assert.Equal(Environment.MachineName, dead.Host);
        // The lease is still running: the takeover below rests on the dead pid, not on an expired lease.
        Assert.True(dead.LeaseExpiresUtc > DateTimeOffset.UtcNow, $"lease of the dead holder ends {dead.LeaseExpiresUtc:u}");
        Assert.True(await driver.FlagOnAsync(), "the killed process left the execution flag on");
        return (paused.RunId, dead);
    }

    /// <summary>
    /// A new `cutter orchestrate` of the document while the killed run is unfinished: STOP_DOCUMENT_LOCKED naming that run,
    /// no run, no unit, no takeover; only the janitor's turning off the flag the dead process left on is written.
    /// </summary>
    private static async Task AssertNewRunIsRefusedAndWritesNothingAsync(ProcessRunDriver driver, RehearsalEnvironment env, string run)
    {
        var before = await StoreTableHashes.ReadAsync(driver.Owner);
        var index = driver.Sidecar.ReadIndex();
        var lockFile = await File.ReadAllBytesAsync(LockPath(env));
        var folders = Directory.GetDirectories(env.Settings.SidecarRoot);

        var result = await driver.RunAsync(ProcessRunDriver.Orchestrate);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"STOPPED STOP_DOCUMENT_LOCKED: KB-2186 is held by an unfinished live run: {run} (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"was left on by run {run} whose process is gone; turned it off", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("took over", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(folders, Directory.GetDirectories(env.Settings.SidecarRoot));
        Assert.Equal(["flag_recovered"], driver.Sidecar.ReadIndex().Skip(index.Count).Select(e => e.Event).ToArray());
        Assert.Equal(lockFile, await File.ReadAllBytesAsync(LockPath(env)));
        var after = await StoreTableHashes.ReadAsync(driver.Owner);
        Assert.Equal(["cutter_governance.execution_flag"], after.Where(t => before[t.Key] != t.Value).Select(t => t.Key).ToArray());
        Assert.Equal(1L, await Sql.ScalarAsync<long>(driver.Owner, "SELECT count(*) FROM cutter_governance.run"));
    }

    /// <summary>
    /// `cutter resume` of the killed run, then SG_2 and the closeout, each in a new process: the first resume takes the
    /// stale lock over (logged, kept in the run's warnings, written to the runs index), and the run ends as an uninterrupted one.
    /// </summary>
    private async Task<(RunState Final, List<ProcessResult> Resumes)> ResumeToCloseoutAsync(ProcessRunDriver driver, RehearsalEnvironment env, string run, LockHolder dead)
    {
        var resumes = new List<ProcessResult>();
        var final = await driver.DriveAsync(await driver.NextCommandAsync(driver.Sidecar.LoadAll().Single()), onStep: (command, result) =>
        {
            ProcessRunDriver.AssertStepEnded(result, command);
            resumes.Add(result);
            return Task.CompletedTask;
        });

        var takeover = $"took over the lock on KB-2186 from run {run}, pid {dead.ProcessId} on {dead.Host}";
        Assert.Contains(takeover, resumes[0].StandardError, StringComparison.Ordinal);
        Assert.All(resumes.Skip(1), r => Assert.DoesNotContain("took over", r.StandardError, StringComparison.Ordinal));
        Assert.StartsWith(takeover, Assert.Single(driver.Sidecar.ReadIndex(), e => e.Event == "lock_takeover").Detail, StringComparison.Ordinal);
        Assert.Single(driver.Sidecar.ReadIndex(), e => e.Event == "lock_takeover" && e.RunId == run);
        Assert.Single(final.Warnings, w => w.StartsWith(takeover, StringComparison.Ordinal));

        Assert.Equal(run, final.RunId);
        Assert.Equal(RunStatus.CloseoutReported, final.Status);
        Assert.Equal(ProcessRunDriver.CloseoutCounts, await driver.CountsAsync(run));
        Assert.Equal(await (s_uninterrupted ??= UninterruptedFootprintsAsync()), await DocumentSurvey.ReadAsync(driver.Owner));
        Assert.False(await driver.FlagOnAsync());
        Assert.False(File.Exists(LockPath(env)), "the resume releases the lock file at closeout");
        return (final, resumes);
    }

    /// <summary>The store after a run no one interrupted, to compare a recovered run's store with (once per test process).</summary>
    private async Task<IReadOnlyList<DocumentFootprint>> UninterruptedFootprintsAsync()
    {
        using var folder = new TempFolder();
        await using var env = await CreateEnvironmentAsync(folder);
        var driver = new ProcessRunDriver(env);
        await driver.DriveAsync(ProcessRunDriver.Orchestrate);
        return await DocumentSurvey.ReadAsync(driver.Owner);
    }
}
