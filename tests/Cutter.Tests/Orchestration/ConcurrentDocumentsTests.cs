using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Xunit.Abstractions;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Different documents at the same time, as operators would run them: eight live cuts of eight documents, each
/// through both gates in its own chain of `cutter` processes, all at once on one store. None may deadlock, none may
/// be refused the execution flag (the model in docs/concurrency.md), and each run's `cutter verify` must pass on its
/// own: the others' documents and decisions are excluded from it by run id.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class ConcurrentDocumentsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Documents = 8;

    [Fact]
    public async Task Eight_different_documents_through_both_gates_concurrently_neither_deadlock_nor_refuse_and_every_run_verifies()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);
        var kbIds = Enumerable.Range(1, Documents).Select(n => WriteCharterCopy(env.Settings.KbRoot, n)).ToArray();
        var steps = new ConcurrentQueue<string>();

        var states = await Task.WhenAll(kbIds.Select(kbId => driver.DriveDocumentAsync(kbId, (command, result) =>
            steps.Enqueue($"{kbId} {command[0]}: exit {result.ExitCode}{(result.ExitCode is Cutter.Cli.ExitCodes.Ok or Cutter.Cli.ExitCodes.AwaitingApproval ? "" : " " + FirstLines(result.StandardError))}"))));

        var problems = new List<string>();
        foreach (var (kbId, state) in kbIds.Zip(states))
        {
            if (state?.Status != RunStatus.CloseoutReported)
            {
                problems.Add($"{kbId}: ended {state?.Status.WireName() ?? "with no run"}");
                continue;
            }
            if (await driver.CountsAsync(state.RunId) != ProcessRunDriver.CloseoutCounts) problems.Add($"{kbId}: rows {await driver.CountsAsync(state.RunId)}");
            var verify = await driver.VerifyAsync(state.RunId);
            if (verify.ExitCode != 0) problems.Add($"{kbId}: cutter verify exit {verify.ExitCode}: {FailedChecks(verify.StandardOutput)}");
        }
        foreach (var line in steps.Concat(problems)) output.WriteLine(line);

        Assert.DoesNotContain(steps, s => s.Contains("40P01", StringComparison.Ordinal) || s.Contains("deadlock", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(steps, s => s.Contains("STOP_EXECUTION_FLAG_REFUSED", StringComparison.Ordinal));
        // Every step either finished (0) or paused at a gate (7, docs/exit-codes.md); every run reached a verified closeout.
        Assert.Empty(steps.Where(s => !s.Contains(": exit 0", StringComparison.Ordinal) && !s.Contains(": exit 7", StringComparison.Ordinal)).Concat(problems));
        Assert.False(await driver.FlagOnAsync());
    }

    /// <summary>KB-30NN: the sample charter under its own id and document code, so eight runs cut eight documents.</summary>
    private static string WriteCharterCopy(string kbRoot, int n)
    {
        var kbId = $"KB-{3000 + n}";
        var charter = File.ReadAllText(Path.Combine(kbRoot, "KB-2186.md"));
        var copy = Regex.Replace(charter, "^id: KB-2186$", $"id: {kbId}", RegexOptions.Multiline);
        copy = Regex.Replace(copy, "^document_code: .*$", $"document_code: CONC-DOC-{n:D2}", RegexOptions.Multiline);
        File.WriteAllText(Path.Combine(kbRoot, kbId + ".md"), copy);
        return kbId;
    }

    private static string FirstLines(string text) => string.Join(" | ", text.Split('\n').Where(l => l.Contains("STOP", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(3));

    private static string FailedChecks(string verifyOutput) => string.Join(" | ", verifyOutput.Split('\n').Where(l => l.Contains("FAIL", StringComparison.Ordinal)).Take(4));
}
