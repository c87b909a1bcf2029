using Cutter.Rehearsal;
using Cutter.Store;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Cutter.Orchestration.State;
using Xunit;
using Xunit.Abstractions;

namespace Cutter.Tests.Orchestration;

/// <summary>The runner as operators run it: separate `cutter` processes, killed with SIGKILL at chosen points.</summary>
[Collection(ProcessRunCollection.Name)]
public sealed class ProcessRunTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_concurrent_cuts_of_one_document_in_two_processes_let_exactly_one_proceed()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        var driver = new ProcessRunDriver(env);

        var results = await Task.WhenAll(driver.RunAsync(ProcessRunDriver.Orchestrate), driver.RunAsync(ProcessRunDriver.Orchestrate));

        // The winner pauses at SG_1 (exit 7), the loser STOPs (exit 3).
        Assert.Equal([3, 7], results.Select(r => r.ExitCode).Order().ToArray());
        var loser = results.Single(r => r.ExitCode == 3);
        Assert.Contains("STOPPED STOP_DOCUMENT_LOCKED", loser.StandardError, StringComparison.Ordinal);
        var runs = driver.Sidecar.LoadAll().ToArray();
        Assert.Single(runs, r => r.Status == RunStatus.AwaitingSg1);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(env.Store.OwnerConnectionString, "SELECT count(*) FROM cutter_core.information_unit WHERE document_id = (SELECT document_id FROM cutter_core.document WHERE kb_id = 'KB-2186')"));
    }

    public const string MatrixFileName = "kill-point-matrix.txt";

    /// <summary>
    /// Every phase boundary, a point inside each mutating phase (rows sent, before COMMIT), the instant after each
    /// mutating phase's COMMIT before state.json is saved, and phase 5 killed once its encrypted file exists.
    /// </summary>
    public static IReadOnlyList<string> KillPoints { get; } =
    [
        "after-phase:1", "after-phase:2", "after-phase:3", "after-phase:4", "after-dump:5", "after-phase:5",
        "before-commit:6", "after-commit:6", "after-phase:6", "before-commit:7", "after-commit:7", "after-phase:7",
        "before-commit:8", "after-commit:8", "after-phase:8", "after-commit:9", "before-commit:10", "after-commit:10", "after-phase:10",
        "before-commit:11", "after-commit:11",
    ];

    /// <summary>
    /// The points whose recovery rebuilds state.json from the store (a COMMIT it never heard of) or redoes phase 5 over
    /// its own earlier file: after these the recovered run must also pass `cutter verify`. The other points' recovery
    /// is a plain continuation, and one `cutter verify` per point would double the matrix's processes.
    /// </summary>
    public static IReadOnlySet<string> VerifiedPoints { get; } = KillPoints.Where(p => p.StartsWith("after-commit:", StringComparison.Ordinal) || p == "after-dump:5").ToHashSet();

    /// <summary>
    /// Points run two at a time, each on its own database and folder: every point is a chain of ~5 `cutter`
    /// processes, and run one after another the matrix was most of the suite's time on a 2-core machine.
    /// </summary>
    public const int MatrixParallelism = 2;

    [Fact]
    public async Task Kill_point_matrix_every_point_resumes_to_closeout_with_the_store_of_an_uninterrupted_run()
    {
        var uninterrupted = await RunWithKillAsync(null);
        var outcomes = new KillOutcome[KillPoints.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, KillPoints.Count), new ParallelOptions { MaxDegreeOfParallelism = MatrixParallelism },
            async (index, _) => outcomes[index] = await RunWithKillAsync(KillPoints[index]));
        var rows = new List<string>();
        var failures = new List<string>();
        foreach (var (point, outcome) in KillPoints.Zip(outcomes))
        {
            var same = outcome.Footprints.SequenceEqual(uninterrupted.Footprints);
            var green = outcome.Killed && outcome.Status == "closeout_reported" && same && outcome.CountsExact && !outcome.FlagOnAtEnd
                && (!outcome.FlagLeftOnByKill || outcome.FlagRecoveryLogged) && outcome.Verify is null or 0 && outcome.LeftoverDumps == 0;
            var verify = outcome.Verify switch { null => "-", 0 => "passed", var code => $"EXIT {code}" };
            rows.Add($"{point,-16} {(outcome.Killed ? "killed" : "NOT KILLED"),-10} {outcome.Status,-18} {(same ? "identical" : "DIFFERENT"),-10} "
                + $"{(outcome.CountsExact ? "exact" : "WRONG"),-6} {(outcome.FlagLeftOnByKill ? (outcome.FlagRecoveryLogged ? "recovered" : "NOT LOGGED") : "-"),-10} "
                + $"{verify,-8} {(outcome.LeftoverDumps == 0 ? "clean" : $"{outcome.LeftoverDumps} LEFT"),-7} {(green ? "green" : "RED")}");
            if (!green) failures.Add(point + (outcome.VerifyOutput is { } why ? $": {why}" : ""));
        }
        var matrix = string.Join('\n', [$"{"kill point",-16} {"process",-10} {"final state",-18} {"store",-10} {"rows",-6} {"flag",-10} {"verify",-8} {"temp",-7} result", .. rows]);
        output.WriteLine(matrix);
        // CI prints this file after the test run (.ci/run), so the matrix is visible even when every point is green.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, MatrixFileName), matrix + "\n");
        Assert.Empty(failures);
    }

    private sealed record KillOutcome(bool Killed, string Status, IReadOnlyList<DocumentFootprint> Footprints, bool CountsExact, bool FlagLeftOnByKill, bool FlagRecoveryLogged, bool FlagOnAtEnd,
        int? Verify, string? VerifyOutput, int LeftoverDumps);

    /// <summary>Drives a live run through real `cutter` processes, killing the first one that reaches <paramref name="killPoint"/>.</summary>
    private async Task<KillOutcome> RunWithKillAsync(string? killPoint)
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        // The matrix is about crash and resume; the restore proof is LiveRunTests' and the operator path's.
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);
        bool killed = false, flagLeftOn = false, recoveryLogged = false;

        var state = await driver.DriveAsync(ProcessRunDriver.Orchestrate, () => killed ? null : killPoint, async (command, result) =>
        {
            if (killed && flagLeftOn && !recoveryLogged)
            {
                recoveryLogged = result.StandardError.Contains("was left on by run", StringComparison.Ordinal);
            }
            if (result.ExitCode == CutterProcess.KilledBySigkill && !killed)
            {
                killed = true;
                flagLeftOn = await driver.FlagOnAsync();
            }
            else
            {
                ProcessRunDriver.AssertStepEnded(result, [killPoint + ":", .. command]);
            }
        });

        var verify = killPoint is not null && VerifiedPoints.Contains(killPoint) ? await driver.VerifyAsync(state.RunId) : null;
        return new KillOutcome(
            killed || killPoint is null,
            state.Status.WireName(),
            await DocumentSurvey.ReadAsync(driver.Owner),
            await driver.CountsAsync(state.RunId) == ProcessRunDriver.CloseoutCounts,
            flagLeftOn,
            recoveryLogged,
            await driver.FlagOnAsync(),
            verify?.ExitCode,
            verify is { ExitCode: not 0 } failed ? failed.StandardOutput + failed.StandardError : null,
            driver.LeftoverDumpFolders().Length);
    }
}
