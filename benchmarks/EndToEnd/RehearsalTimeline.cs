using System.Diagnostics;
using System.Globalization;
using Cutter.Domain;
using Cutter.Infrastructure;
using Cutter.Orchestration.State;

namespace Cutter.Benchmarks.EndToEnd;

/// <summary>
/// `--rehearsal-timeline REPO`: the end-to-end figure. Builds the CLI once (not timed: "after the first build"),
/// then times `dotnet run --project src/Cutter.Cli -- rehearse` as a user types it, and breaks the wall time down
/// per phase from the run's own state.json timeline (phase start/finish), plus what lies outside the phases
/// (process start and build check, disposable server, seeding, keys, signing, teardown).
/// </summary>
internal static class RehearsalTimeline
{
    public static async Task<int> RunAsync(string repository)
    {
        var cli = Path.Combine(Path.GetFullPath(repository), "src", "Cutter.Cli");
        var build = await ProcessRunner.RunAsync("dotnet", ["build", cli, "-v", "q", "-nologo"]);
        if (!build.Succeeded) throw new CutterException($"building {cli} failed: {build.StandardOutput}{build.StandardError}");

        var workDir = Directory.CreateTempSubdirectory("cutter-bench-rehearsal-").FullName;
        var watch = Stopwatch.StartNew();
        var rehearse = await ProcessRunner.RunAsync("dotnet", ["run", "--project", cli, "--", "rehearse", "--work-dir", workDir]);
        watch.Stop();
        if (!rehearse.Succeeded) throw new CutterException($"cutter rehearse exited {rehearse.ExitCode}: {rehearse.StandardError}");

        var sidecar = new SidecarStore(Path.Combine(workDir, "runs"));
        var stateFile = Directory.EnumerateFiles(sidecar.Root, SidecarStore.StateFileName, SearchOption.AllDirectories).Single();
        var state = sidecar.Load(RunId.Parse(Path.GetFileName(Path.GetDirectoryName(stateFile)!)));
        var phases = state.Phases.Where(p => p.StartedUtc is not null && p.FinishedUtc is not null).OrderBy(p => p.Number).ToArray();
        var total = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rehearse_wall_ms={total:F0} final_state={state.FinalState} candidate_count={state.CandidateCount}"));
        Console.WriteLine("| # | phase | ms | % of wall |");
        Console.WriteLine("| ---: | --- | ---: | ---: |");
        double inPhases = 0;
        foreach (var phase in phases)
        {
            var ms = (phase.FinishedUtc!.Value - phase.StartedUtc!.Value).TotalMilliseconds;
            inPhases += ms;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase.Number} | {phase.Name} | {ms:F0} | {100 * ms / total:F1} |"));
        }
        var span = (phases[^1].FinishedUtc!.Value - phases[0].StartedUtc!.Value).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| | sum of the 11 phases | {inPhases:F0} | {100 * inPhases / total:F1} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| | between phases 1 and 11 but outside them (gate signing, resumes, KB uploads) | {span - inPhases:F0} | {100 * (span - inPhases) / total:F1} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| | outside the run (dotnet run, server start, migrate, seed, keys, teardown) | {total - span:F0} | {100 * (total - span) / total:F1} |"));
        Directory.Delete(workDir, recursive: true);
        return 0;
    }
}
