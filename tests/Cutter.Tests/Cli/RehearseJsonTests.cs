using Cutter.Cli;
using Cutter.Configuration;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Disposable;
using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>`cutter rehearse --setup-only --json` on a PostgreSQL of its own, validated against docs/json/rehearse.schema.json.</summary>
public sealed class RehearseJsonTests
{
    [Fact]
    public async Task Rehearse_setup_only_json_names_the_kept_store_and_the_approver()
    {
        // Its own server: setting up a store drops and re-creates the server's template database and resets the
        // cluster-wide lane passwords, which would pull them from under the shared fixture's other tests.
        await using var server = await DisposableStoreServer.StartAsync();
        using var folder = new TempFolder();
        var work = Path.Combine(folder.Path, "rehearsal");
        var environment = new Dictionary<string, string?> { [EnvironmentNames.ExistingTestServer] = server.Server.AdminConnectionString };

        var result = await CutterProcess.RunIsolatedAsync(environment, folder.Path, "rehearse", "--setup-only", "--work-dir", work, "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StandardError);
        var setup = CliSchemas.AssertValidOutput("rehearse", result)["setup"]!;
        Assert.Equal(work, (string?)setup["work_dir"]);
        Assert.Equal(RehearsalEnvironment.ApproverPrincipal, (string?)setup["approver"]!["principal"]);
        Assert.True(File.Exists((string?)setup["config"]));
    }
}
