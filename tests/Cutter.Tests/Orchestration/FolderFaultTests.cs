using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Sidecar and backup folders that fill up or turn read-only in the middle of a live run, on real tmpfs mounts and
/// through real `cutter` processes: each is STOP_FOLDER_UNWRITABLE (exit 3) naming the folder, with state.json whole
/// and no temp file left, and a plain `cutter resume` after the fix reaches closeout and passes `cutter verify`.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class FolderFaultTests(PostgresFixture postgres)
{
    private const int Stopped = 3;

    [Fact]
    public async Task Sidecar_full_after_the_phase_6_commit_and_read_only_after_the_phase_10_commit_stop_and_resume_to_a_verified_closeout()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        await using var sidecar = await TmpfsMount.MountAsync(env.Settings.SidecarRoot, 4096);
        var driver = new ProcessRunDriver(env);

        ProcessRunDriver.AssertStepEnded(await driver.RunAsync(ProcessRunDriver.Orchestrate), ProcessRunDriver.Orchestrate);
        var atSg1 = driver.Sidecar.LoadAll().Single();
        var full = await driver.RunWithFaultAsync(await driver.NextCommandAsync(atSg1), FaultInjection.FillVariable, $"after-commit:6|{sidecar.Path}");
        AssertFolderStop(full, sidecar.Path);
        // The phase committed; state.json kept the last state it could save (phase 6 not yet passed there).
        Assert.NotEqual(PhaseResult.Passed, driver.Sidecar.Load(Cutter.Domain.RunId.Parse(atSg1.RunId)).Phases.Single(p => p.Number == 6).Result);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(driver.Owner, $"SELECT count(*) FROM cutter_governance.phase_ledger WHERE run_id = '{atSg1.RunId}' AND phase_no = 6"));
        sidecar.Free();

        var atSg2 = await ResumeUntilAsync(driver, RunStatus.AwaitingSg2);
        var readOnly = await driver.RunWithFaultAsync(await driver.NextCommandAsync(atSg2), FaultInjection.ReadOnlyVariable, $"after-commit:10|{sidecar.Path}");
        AssertFolderStop(readOnly, sidecar.Path);
        Assert.Contains("Read-only file system", readOnly.StandardError, StringComparison.Ordinal);
        await sidecar.RemountReadWriteAsync();

        var closed = await driver.DriveAsync(["resume", "--run-id", atSg1.RunId]);
        Assert.Equal(RunStatus.CloseoutReported, closed.Status);
        Assert.Equal(ProcessRunDriver.CloseoutCounts, await driver.CountsAsync(closed.RunId));
        AssertNoTempFiles(sidecar.Path);
        // Phases 6 and 10 were adopted from the ledger: their report docs were written on resume, their decisions taken from the store.
        Assert.All(closed.Phases, p => Assert.NotNull(p.ReportKbId));
        var decisions = await Sql.ScalarAsync<string>(driver.Owner,
            $"SELECT string_agg(review_decision_id::text, ',' ORDER BY gate) FROM cutter_governance.review_decision WHERE run_id = '{closed.RunId}'");
        Assert.Equal(decisions, $"{closed.Gates[Cutter.Governance.Approvals.ApprovalGate.Sg1CutAuthz].ReviewDecisionId},{closed.Gates[Cutter.Governance.Approvals.ApprovalGate.Sg2LifecycleAuthz].ReviewDecisionId}");
        var verify = await driver.VerifyAsync(closed.RunId);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
    }

    [Fact]
    public async Task Lock_folder_read_only_then_backup_folder_read_only_then_full_stop_and_resume_to_a_verified_closeout()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        await using var backups = await TmpfsMount.MountAsync(env.Settings.BackupDir, 4096);
        await using var locks = await TmpfsMount.MountAsync(env.Settings.GlobalLocksDir, 1024);
        var driver = new ProcessRunDriver(env);

        ProcessRunDriver.AssertStepEnded(await driver.RunAsync(ProcessRunDriver.Orchestrate), ProcessRunDriver.Orchestrate);
        var atSg1 = driver.Sidecar.LoadAll().Single();
        await locks.RemountReadOnlyAsync();
        AssertFolderStop(await driver.RunAsync(await driver.NextCommandAsync(atSg1)), locks.Path);
        Assert.Equal(RunStatus.AwaitingSg1, driver.Sidecar.LoadAll().Single().Status);
        await locks.RemountReadWriteAsync();

        await backups.RemountReadOnlyAsync();
        AssertFolderStop(await driver.RunAsync(await driver.NextCommandAsync(atSg1)), backups.Path);
        await backups.RemountReadWriteAsync();

        backups.Fill();
        var full = await driver.RunAsync(["resume", "--run-id", atSg1.RunId]);
        AssertFolderStop(full, backups.Path);
        Assert.Contains("No space left on device", full.StandardError, StringComparison.Ordinal);
        // Only the filler is there: no partial backup of either attempt.
        Assert.Equal([backups.FillFile], Directory.GetFiles(backups.Path));
        Assert.Empty(driver.LeftoverDumpFolders());
        backups.Free();

        var closed = await driver.DriveAsync(["resume", "--run-id", atSg1.RunId]);
        Assert.Equal(RunStatus.CloseoutReported, closed.Status);
        Assert.Single(Directory.GetFiles(backups.Path, "*.dump.gpg"));
        var verify = await driver.VerifyAsync(closed.RunId);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
    }

    private static void AssertFolderStop(Cutter.Infrastructure.ProcessResult result, string path)
    {
        Assert.True(result.ExitCode == Stopped, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains("STOP_FOLDER_UNWRITABLE", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(path, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.StandardError, StringComparison.Ordinal);
    }

    private static void AssertNoTempFiles(string sidecarRoot) =>
        Assert.Empty(Directory.GetFiles(sidecarRoot, "*.tmp-*", SearchOption.AllDirectories));

    /// <summary>Plain resumes (no fault) until the run reaches <paramref name="status"/>.</summary>
    private static async Task<RunState> ResumeUntilAsync(ProcessRunDriver driver, RunStatus status)
    {
        var state = driver.Sidecar.LoadAll().Single();
        for (var step = 0; step < 4 && state.Status != status; step++)
        {
            var command = await driver.NextCommandAsync(state);
            ProcessRunDriver.AssertStepEnded(await driver.RunAsync(command), command);
            state = driver.Sidecar.LoadAll().Single();
        }
        Assert.Equal(status, state.Status);
        return state;
    }
}
