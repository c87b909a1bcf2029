using System.Text.Json.Nodes;
using Cutter.Cli;
using Cutter.Configuration;
using Cutter.Governance.Approvals;
using Cutter.Rehearsal;
using Cutter.Tests.Governance.Signatures;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// `cutter batch plan | resume | status --json` through real processes, reading only JSON and exit codes: plan two
/// documents (exit 7), sign the SG_1 request with ssh-keygen, resume (exit 7, SG_2 requested), sign it, resume (exit 0),
/// status; every document validated against its schema under docs/json/.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class BatchScriptTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_script_drives_a_batch_through_both_gates_by_json_and_exit_codes_alone()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        await env.SkipRestoreProofAsync();
        foreach (var n in new[] { 1, 2 })
        {
            await File.WriteAllTextAsync(Path.Combine(env.Settings.KbRoot, $"KB-{4200 + n}.md"),
                $"---\nid: KB-{4200 + n}\ndocument_code: SCRIPT-BATCH-{n}\ntitle: Script batch {n}\nkind: charter\nlanguage: en\n---\n\n# Script batch {n}\n\n## Part I. Rules\n\n### Chapter 1. General\n\n#### Article 1. Only rule\n\nRule {n} holds.\n");
        }
        async Task<JsonObject> Cutter(string verb, int exit, params string[] arguments)
        {
            var environment = new Dictionary<string, string?>
            {
                [EnvironmentNames.ConfigFile] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
                [EnvironmentNames.EnvFile] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
            };
            var result = await CutterProcess.RunIsolatedAsync(environment, env.WorkDir, [.. verb.Split(' '), .. arguments, "--json"]);
            Assert.True(result.ExitCode == exit, $"cutter {verb} exited {result.ExitCode}, not {exit}: {result.StandardError}");
            return CliSchemas.AssertValidOutput(verb, result);
        }
        Task Sign(string path) => SshKeygen.SignAsync(env.Approver.PrivateKeyPath, ApprovalFields.SignatureNamespace, path);

        var plan = await Cutter("batch plan", ExitCodes.AwaitingApproval, "--name", "script", "--documents", "KB-4201,KB-4202", "--actor", "script");
        Assert.Equal(2, plan["batch"]!["documents"]!.AsArray().Count);
        await Sign((string)plan["batch"]!["request_path"]!);

        var atSg2 = await Cutter("batch resume", ExitCodes.AwaitingApproval, "--name", "script");
        Assert.Equal("awaiting_SG_2", (string?)atSg2["batch"]!["state"]);
        Assert.Equal(2, (int?)atSg2["batch"]!["counts"]!["awaiting_gate"]);
        await Sign((string)atSg2["batch"]!["gates"]![1]!["request_path"]!);

        var done = await Cutter("batch resume", ExitCodes.Ok, "--name", "script");
        Assert.Equal(2, (int?)done["batch"]!["counts"]!["done"]);
        Assert.True((bool?)done["batch"]!["finished"]);

        var status = await Cutter("batch status", ExitCodes.Ok, "--name", "script");
        Assert.All(status["batch"]!["documents"]!.AsArray(), d => Assert.Equal(("done", "closeout_reported", 11), ((string?)d!["state"], (string?)d["run_state"], (int?)d["last_phase"])));
        foreach (var document in status["batch"]!["documents"]!.AsArray())
        {
            var verify = await Cutter("verify", ExitCodes.Ok, "--run-id", (string)document!["run_id"]!);
            Assert.True((bool?)verify["verification"]!["passed"]);
        }
    }
}
