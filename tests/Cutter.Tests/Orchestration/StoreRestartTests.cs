using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Disposable;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// The store's PostgreSQL server restarted (<c>pg_ctl restart -m immediate</c>) in the middle of a live phase, on a
/// server of the test's own: the run STOPs with STOP_STORE_UNAVAILABLE naming the server (exit 3, no stack trace), and
/// a plain `cutter resume` reaches closeout and passes `cutter verify`.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class StoreRestartTests
{
    [Fact]
    public async Task Server_restarted_inside_phase_7_is_STOP_STORE_UNAVAILABLE_and_a_plain_resume_reaches_a_verified_closeout()
    {
        // Durable settings: an immediate stop loses no committed phase only when commits are flushed (the disposable
        // default turns synchronous_commit off, which can drop the last commits before a crash, as it may in production
        // with that setting).
        await using var server = await DisposableStoreServer.StartAsync(new DisposablePostgresOptions { Ephemeral = false });
        var dataDir = await Sql.ScalarAsync<string>(server.Server.AdminConnectionString, "SHOW data_directory");
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);

        ProcessRunDriver.AssertStepEnded(await driver.RunAsync(ProcessRunDriver.Orchestrate), ProcessRunDriver.Orchestrate);
        var atSg1 = driver.Sidecar.LoadAll().Single();
        var lost = await driver.RunWithFaultAsync(await driver.NextCommandAsync(atSg1), FaultInjection.PostgresRestartVariable, $"before-commit:7|{dataDir}");

        Assert.True(lost.ExitCode == 3, $"exit {lost.ExitCode}: {lost.StandardError}");
        Assert.Contains("STOPPED STOP_STORE_UNAVAILABLE: lost the connection to ", lost.StandardError, StringComparison.Ordinal);
        Assert.Contains($":{env.Store.Endpoint.Port}/{env.Store.Endpoint.Database}", lost.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", lost.StandardError, StringComparison.Ordinal);
        var stopped = driver.Sidecar.LoadAll().Single();
        Assert.Equal(RunStatus.Stopped, stopped.Status);
        Assert.Equal(("STOP_STORE_UNAVAILABLE", (int?)7), (stopped.Stop!.Code, stopped.Stop.Phase));
        // This test's own pooled connections died with the server too.
        using (var pooled = new NpgsqlConnection(driver.Owner)) NpgsqlConnection.ClearPool(pooled);
        // The uncommitted phase left nothing: the server rolled it back.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(driver.Owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{atSg1.RunId}'"));

        var closed = await driver.DriveAsync(["resume", "--run-id", atSg1.RunId]);
        Assert.Equal(RunStatus.CloseoutReported, closed.Status);
        Assert.Equal(ProcessRunDriver.CloseoutCounts, await driver.CountsAsync(closed.RunId));
        Assert.False(await driver.FlagOnAsync());
        var verify = await driver.VerifyAsync(closed.RunId);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
    }
}
