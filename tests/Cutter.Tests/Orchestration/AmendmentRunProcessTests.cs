using System.Globalization;
using System.Text.Json.Nodes;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Seeding;
using Cutter.Tests.Support;
using Cutter.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Issue 20's done-when, through real `cutter` processes on a rehearsal store: enact the sample charter, edit its
/// source (the amended sample: three units changed, two added, one removed, articles 9-10 renumbered by an insertion),
/// orchestrate again through both gates; the store holds exactly the expected versions, retirements and moves;
/// `cutter verify` passes; `cutter show` answers what a unit said before and after; reverting the enactment under the
/// amendment is refused; `cutter revert` of the amendment restores the document hash-exact, and the log still verifies.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class AmendmentRunProcessTests(PostgresFixture postgres)
{
    private const string Document = "KB-2186";

    /// <summary>Every column of every unit and version of the target (content by md5), one line per version: the hash-exact survey.</summary>
    private const string RowImage = """
        SELECT string_agg(concat_ws('|', u.iu_id, u.address, u.ordinal, u.kind, u.parent_iu_id, u.heading, u.lifecycle_state, u.run_id, u.retired_run_id,
                          u.succeeds_iu_id, v.uv_id, v.version_no, md5(v.content), v.content_sha256, v.content_hash_form, v.run_id, v.superseded_run_id,
                          v.heading, v.parent_iu_id), E'\n' ORDER BY u.iu_id, v.version_no)
        FROM cutter_core.document d JOIN cutter_core.information_unit u ON u.document_id = d.document_id JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id
        WHERE d.kb_id = 'KB-2186'
        """;

    [Fact]
    public async Task An_amendment_run_writes_exactly_its_diff_verifies_answers_history_and_reverts_to_the_exact_previous_state()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        var driver = new ProcessRunDriver(env);
        var owner = env.Store.OwnerConnectionString;

        var enactment = await driver.DriveNewRunAsync(Document);
        Assert.Equal(RunStatus.CloseoutReported, enactment.Status);
        var enactedImage = await Sql.ScalarAsync<string>(owner, RowImage);
        var enactedSurvey = await ShowAsync(driver, Document);
        var enactmentLifecycle = await CountAsync(owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{enactment.RunId}'");
        var betweenRuns = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        SampleKnowledgeBase.WriteAmendedTo(env.Settings.KbRoot, SampleRegistry.TargetFileName);
        var amendment = await driver.DriveNewRunAsync(Document);
        Assert.Equal(RunStatus.CloseoutReported, amendment.Status);
        var r = amendment.RunId;

        // Exactly the expected versions, retirements and moves.
        Assert.Equal(
            ["part-2/ch-3/art-5/cl-3", "part-3/ch-5/art-10", "part-3/ch-5/art-10/cl-1 <- part-3/ch-5/art-9/cl-1", "part-3/ch-5/art-10/cl-2 <- part-3/ch-5/art-9/cl-2",
             "part-3/ch-5/art-11 <- part-3/ch-5/art-10"],
            await ListAsync(owner, $"""
                SELECT u.address || coalesce(' <- ' || s.address, '') FROM cutter_core.information_unit u
                LEFT JOIN cutter_core.information_unit s ON s.iu_id = u.succeeds_iu_id WHERE u.run_id = '{r}' AND u.lifecycle_state = 'enacted'
                """));
        Assert.Equal(
            ["part-1/ch-1/art-1 v2", "part-1/ch-2/art-3/cl-2 v2", "part-2/ch-3/art-5/cl-3 v1", "part-2/ch-4/art-7/cl-1 v2", "part-3/ch-5/art-10 v1",
             "part-3/ch-5/art-10/cl-1 v1", "part-3/ch-5/art-10/cl-2 v1", "part-3/ch-5/art-11 v1", "part-3/ch-5/art-9 v2"],
            await ListAsync(owner, $"SELECT u.address || ' v' || v.version_no FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id WHERE v.run_id = '{r}'"));
        Assert.Equal(
            ["part-1/ch-1/art-1 v1", "part-1/ch-2/art-3/cl-2 v1", "part-2/ch-4/art-7/cl-1 v1", "part-3/ch-5/art-9 v1"],
            await ListAsync(owner, $"SELECT u.address || ' v' || v.version_no FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id WHERE v.superseded_run_id = '{r}'"));
        Assert.Equal(
            ["part-1/ch-1/art-2/cl-3", "part-3/ch-5/art-10", "part-3/ch-5/art-9/cl-1", "part-3/ch-5/art-9/cl-2"],
            await ListAsync(owner, $"SELECT address FROM cutter_core.information_unit WHERE retired_run_id = '{r}' AND lifecycle_state = 'retired'"));
        Assert.Equal("units 56 versions 60 enacted 52", await CountsLineAsync(driver));
        Assert.Equal(13, await CountAsync(owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{r}'"));

        // cutter verify runs the amendment gate and passes.
        var verify = await driver.VerifyAsync(r);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
        foreach (var check in new[] { VerificationChecks.AmendmentWrites, VerificationChecks.AmendedText, VerificationChecks.RetiredUnits })
        {
            Assert.Contains(check, verify.StandardOutput, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(VerificationChecks.TargetUnitCount, verify.StandardOutput, StringComparison.Ordinal);

        // A state.json whose pinned enacted state is not the store's fails the diff check, naming both.
        var statePath = driver.Sidecar.StatePath(Cutter.Domain.RunId.Parse(r));
        var stateBytes = await File.ReadAllBytesAsync(statePath);
        var edited = JsonNode.Parse(stateBytes)!;
        var pinned = (string?)edited["enacted_sha"];
        edited["enacted_sha"] = "sha256:enacted-v1:" + new string('0', 64);
        await File.WriteAllTextAsync(statePath, edited.ToJsonString());
        var tampered = await driver.RunAsync(["verify", "--run-id", r, "--json"]);
        await File.WriteAllBytesAsync(statePath, stateBytes);
        Assert.Equal(Cutter.Cli.ExitCodes.ChecksFailed, tampered.ExitCode);
        var writes = JsonNode.Parse(tampered.StandardOutput)!["verification"]!["checks"]!.AsArray().Single(c => (string?)c!["name"] == VerificationChecks.AmendmentWrites)!;
        Assert.False((bool)writes["passed"]!);
        Assert.Equal($"state.json pins the enacted state sha256:enacted-v1:{new string('0', 64)}, the store's run_kind {pinned}", (string?)writes["actual"]);

        // What a unit said before and after, and which run wrote it.
        var before = await ShowUnitAsync(driver, "part-2/ch-4/art-7/cl-1", betweenRuns);
        Assert.Equal("1. The Board consists of five persons elected by the Assembly for two years.", (string?)before["in_force"]!["content"]);
        Assert.Equal(enactment.RunId, (string?)before["in_force"]!["run_id"]);
        var now = await ShowUnitAsync(driver, "part-2/ch-4/art-7/cl-1", null);
        Assert.Equal("1. The Board consists of seven persons elected by the Assembly for two years.", (string?)now["in_force"]!["content"]);
        Assert.Equal(r, (string?)now["in_force"]!["run_id"]);
        Assert.Equal([enactment.RunId, r], now["history"]!.AsArray().Select(v => (string?)v!["run_id"]));
        Assert.Equal(r, (string?)now["history"]![0]!["ended_by_run_id"]);
        var renumbered = await ShowUnitAsync(driver, "part-3/ch-5/art-10", betweenRuns);
        Assert.StartsWith("Article 10. Entry into Force", (string?)renumbered["in_force"]!["content"], StringComparison.Ordinal);
        Assert.Equal("Article 10. Amendment", (string?)(await ShowUnitAsync(driver, "part-3/ch-5/art-10", null))["in_force"]!["content"]);
        Assert.Equal("part-3/ch-5/art-10", (string?)(await ShowUnitAsync(driver, "part-3/ch-5/art-11", null))["in_force"]!["succeeds_address"]);

        // The enactment cannot be reverted from under the amendment.
        var older = await driver.RunAsync(["revert", "--run-id", enactment.RunId]);
        Assert.Equal(Cutter.Cli.ExitCodes.Stopped, older.ExitCode);
        Assert.Contains("STOPPED STOP_REVERT_NOT_LATEST", older.StandardError, StringComparison.Ordinal);
        Assert.Contains($"run {r} (closeout_reported", older.StandardError, StringComparison.Ordinal);

        // Revert of the amendment: the document is back, hash-exact; the enactment's history and the log are intact.
        var request = await driver.RunAsync(["revert", "--run-id", r]);
        Assert.True(request.ExitCode == Cutter.Cli.ExitCodes.AwaitingApproval, request.StandardOutput + request.StandardError);
        var approval = await driver.SignAsync(CutterProcess.Field(request, "request SG_3_escalation_authz")!);
        var revert = await driver.RunAsync(["revert", "--run-id", r, "--approval", approval.Value]);
        Assert.True(revert.ExitCode == 0, revert.StandardOutput + revert.StandardError);
        Assert.Equal(enactedImage, await Sql.ScalarAsync<string>(owner, RowImage));
        Assert.Equal(enactedSurvey, await ShowAsync(driver, Document));
        Assert.Equal(enactmentLifecycle, await CountAsync(owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{enactment.RunId}'"));
        Assert.Equal("1. The Board consists of five persons elected by the Assembly for two years.", (string?)(await ShowUnitAsync(driver, "part-2/ch-4/art-7/cl-1", null))["in_force"]!["content"]);
        var reverted = await driver.VerifyAsync(r);
        Assert.True(reverted.ExitCode == 0, reverted.StandardOutput + reverted.StandardError);
        var audit = await driver.RunAsync(["audit", "verify"]);
        Assert.True(audit.ExitCode == 0, audit.StandardOutput + audit.StandardError);
    }

    private static async Task<string> ShowAsync(ProcessRunDriver driver, string document)
    {
        var result = await driver.RunAsync(["show", document]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    private static async Task<string> CountsLineAsync(ProcessRunDriver driver)
    {
        var line = await ShowAsync(driver, Document);
        return string.Join(' ', line.Split(' ').Skip(2).Take(6));
    }

    private static async Task<JsonNode> ShowUnitAsync(ProcessRunDriver driver, string address, string? at)
    {
        string[] command = at is null ? ["show", Document, address, "--json"] : ["show", Document, address, "--at", at, "--json"];
        var result = await driver.RunAsync(command);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        return Cutter.Tests.Cli.CliSchemas.AssertValidOutput("show", result);
    }

    private static Task<long> CountAsync(string owner, string sql) => Sql.ScalarAsync<long>(owner, sql);

    private static async Task<string[]> ListAsync(string owner, string sql) =>
        (await Sql.ScalarAsync<string>(owner, $"SELECT string_agg(x, E'\\n' ORDER BY x COLLATE \"C\") FROM ({sql}) AS t(x)")).Split('\n');
}
