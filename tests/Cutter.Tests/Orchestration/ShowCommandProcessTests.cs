using System.Globalization;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>`cutter show` through the real process on a store with one enacted run (its amendment history: AmendmentRunProcessTests).</summary>
[Collection(ProcessRunCollection.Name)]
public sealed class ShowCommandProcessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Show_prints_the_footprint_and_what_a_unit_said_at_a_moment_and_refuses_bad_input_by_name()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);
        var beforeRun = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var run = await driver.DriveNewRunAsync("KB-2186");
        Assert.Equal(RunStatus.CloseoutReported, run.Status);

        var footprint = await driver.RunAsync(["show", "KB-2186"]);
        Assert.True(footprint.ExitCode == 0, footprint.StandardError);
        var survey = (await Cutter.Store.DocumentSurvey.ReadAsync(env.Store.OwnerConnectionString)).Single(d => d.KbId == "KB-2186");
        Assert.Equal($"KB-2186 ICX-CHARTER-2026 units 51 versions 51 enacted 51 {survey.ContentHash}", footprint.StandardOutput.Trim());

        var now = await driver.RunAsync(["show", "KB-2186", "part-2/ch-4/art-7/cl-1"]);
        Assert.True(now.ExitCode == 0, now.StandardError);
        Assert.Contains($"version 1 of unit ", now.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"written by run {run.RunId}", now.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1. The Board consists of five persons elected by the Assembly for two years.", now.StandardOutput, StringComparison.Ordinal);

        var earlier = Cutter.Tests.Cli.CliSchemas.AssertValidOutput("show", await driver.RunAsync(["show", "KB-2186", "part-2/ch-4/art-7/cl-1", "--at", beforeRun, "--json"]));
        Assert.Null(earlier["in_force"]);
        Assert.Single(earlier["history"]!.AsArray());

        var badMoment = await driver.RunAsync(["show", "KB-2186", "part-2/ch-4/art-7/cl-1", "--at", "last tuesday"]);
        Assert.Equal(Cutter.Cli.ExitCodes.UsageError, badMoment.ExitCode);
        Assert.Contains("'last tuesday' is neither an ISO 8601 time", badMoment.StandardError, StringComparison.Ordinal);
        var noSuchUnit = await driver.RunAsync(["show", "KB-2186", "part-9/art-99"]);
        Assert.Equal(Cutter.Cli.ExitCodes.UsageError, noSuchUnit.ExitCode);
        Assert.Contains("part-9/art-99: no unit of KB-2186 ever stood at this address", noSuchUnit.StandardError, StringComparison.Ordinal);
        var noSuchDocument = await driver.RunAsync(["show", "KB-2999"]);
        Assert.Equal(Cutter.Cli.ExitCodes.UsageError, noSuchDocument.ExitCode);
        Assert.Contains("KB-2999", noSuchDocument.StandardError, StringComparison.Ordinal);
    }
}
