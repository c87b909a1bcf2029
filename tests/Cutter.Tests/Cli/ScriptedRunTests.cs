using System.Text.Json.Nodes;
using Cutter.Cli;
using Cutter.Configuration;
using Cutter.Infrastructure;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Knowledge;
using Cutter.Rehearsal;
using Cutter.Tests.Governance.Signatures;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Cli;

/// <summary>
/// A script drives a live run through separate `cutter --json` processes, reading only JSON and exit codes (no text
/// parsing): orchestrate (exit 7) → approve ×2 → resume (exit 7) → approve → resume (exit 0) → verify, then the
/// store verbs. Every document is validated against its schema under docs/json/.
/// </summary>
[Collection(ProcessRunCollection.Name)]
public sealed class ScriptedRunTests(PostgresFixture postgres)
{
    private sealed class Script(RehearsalEnvironment env)
    {
        public async Task<JsonObject> RunAsync(string verb, int expectedExit, params string[] arguments) =>
            await RunAsync(new Dictionary<string, string?>(), verb, expectedExit, arguments);

        public async Task<JsonObject> RunAsync(Dictionary<string, string?> extra, string verb, int expectedExit, params string[] arguments)
        {
            var environment = new Dictionary<string, string?>
            {
                [EnvironmentNames.ConfigFile] = Path.Combine(env.WorkDir, RehearsalEnvironment.ConfigFileName),
                [EnvironmentNames.EnvFile] = Path.Combine(env.WorkDir, RehearsalEnvironment.EnvFileName),
            };
            foreach (var (name, value) in extra) environment[name] = value;
            var result = await CutterProcess.RunIsolatedAsync(environment, env.WorkDir, [.. verb.Split(' '), .. arguments, "--json"]);
            Assert.True(result.ExitCode == expectedExit, $"cutter {verb} exited {result.ExitCode}, not {expectedExit}: {result.StandardError}");
            // Output redirected to a pipe: no colour codes in the log lines or the JSON.
            Assert.DoesNotContain("\u001b[", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
            return CliSchemas.AssertValidOutput(verb, result);
        }

        /// <summary>`cutter approve --json` of one request with the key arguments given; returns the approval id.</summary>
        public async Task<string> ApproveAsync(string requestKbId, Dictionary<string, string?> extra, params string[] keyArguments)
        {
            var approval = await RunAsync(extra, "approve", ExitCodes.Ok, ["--request", requestKbId, "--signer", env.Approver.Principal, "--kb-root", env.Settings.KbRoot, "--yes", .. keyArguments]);
            return (string)approval["approval_kb_id"]!;
        }

        /// <summary>Signs every pending request of <paramref name="run"/> with `cutter approve --json`; kind → approval id.</summary>
        public async Task<Dictionary<string, string>> ApproveAllAsync(JsonNode run)
        {
            var approvals = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pending in run["pending_requests"]!.AsArray())
            {
                var approval = await RunAsync("approve", ExitCodes.Ok, "--request", (string)pending!["request_kb_id"]!,
                    "--key", env.Approver.PrivateKeyPath, "--signer", env.Approver.Principal, "--kb-root", env.Settings.KbRoot, "--yes");
                Assert.Equal((string?)pending["kind"], (string?)approval["kind"]);
                approvals[(string)pending["kind"]!] = (string)approval["approval_kb_id"]!;
            }
            return approvals;
        }
    }

    [Fact]
    public async Task A_script_drives_orchestrate_approve_resume_verify_by_json_and_exit_codes_alone()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        var script = new Script(env);

        var started = await script.RunAsync("orchestrate", ExitCodes.AwaitingApproval, "--document", "KB-2186", "--mode", "live", "--actor", "script");
        Assert.Equal("awaiting_approval", (string?)started["outcome"]);
        var runId = (string)started["run"]!["run_id"]!;
        Assert.Equal("awaiting_SG_1", (string?)started["run"]!["status"]);
        var sg1 = await script.ApproveAllAsync(started["run"]!);
        Assert.Equal(["SG_1_cut_authz", "execution_ruling"], sg1.Keys.Order(StringComparer.Ordinal).ToArray());

        var paused = await script.RunAsync("resume", ExitCodes.AwaitingApproval, "--run-id", runId, "--approval", sg1["SG_1_cut_authz"], "--ruling", sg1["execution_ruling"]);
        Assert.Equal("awaiting_SG_2", (string?)paused["run"]!["status"]);
        var sg2 = await script.ApproveAllAsync(paused["run"]!);

        var done = await script.RunAsync("resume", ExitCodes.Ok, "--run-id", runId, "--approval", sg2["SG_2_lifecycle_authz"]);
        Assert.Equal("done", (string?)done["outcome"]);
        Assert.Equal("closeout_reported", (string?)done["run"]!["status"]);
        Assert.Empty(done["run"]!["pending_requests"]!.AsArray());

        var verified = await script.RunAsync("verify", ExitCodes.Ok, "--run-id", runId);
        Assert.True((bool?)verified["verification"]!["passed"]);

        var status = await script.RunAsync("status", ExitCodes.Ok);
        Assert.Equal(runId, (string?)Assert.Single(status["runs"]!.AsArray())!["run_id"]);
        Assert.True((bool?)(await script.RunAsync("audit verify", ExitCodes.Ok))["verified"]);
        Assert.Matches("^sha256:grants-v[0-9]+:[0-9a-f]{64}$", (string?)(await script.RunAsync("db grant-matrix", ExitCodes.Ok))["sha"]);
        var migrated = await script.RunAsync(new() { [EnvironmentNames.AdminConnectionString] = env.Store.OwnerConnectionString }, "db migrate", ExitCodes.Ok);
        Assert.Empty(migrated["applied"]!.AsArray());

        var revert = await script.RunAsync("revert", ExitCodes.AwaitingApproval, "--run-id", runId, "--reason", "scripted");
        Assert.Equal("SG_3_escalation_authz", (string?)Assert.Single(revert["pending_requests"]!.AsArray())!["kind"]);

        // A second live run of the enacted document STOPs: the error document names the code and the docs section.
        var stopped = await script.RunAsync("orchestrate", ExitCodes.Stopped, "--document", "KB-2186", "--mode", "live", "--actor", "script");
        var stop = stopped["error"]!["stop"]!;
        Assert.Equal("stopped", (string?)stopped["error"]!["kind"]);
        Assert.Equal($"STOP codes › {(string?)stop["code"]}", (string?)stop["docs_section"]);
    }

    private static string Pending(JsonObject result, string kind) =>
        (string)result["run"]!["pending_requests"]!.AsArray().Single(p => (string?)p!["kind"] == kind)!["request_kb_id"]!;

    [Fact]
    public async Task A_live_run_passes_its_gates_signed_through_ssh_agent_a_passphrase_key_and_an_rsa_key()
    {
        using var folder = new TempFolder();
        await using var env = await RehearsalEnvironment.CreateOnAsync(postgres.Server, false, folder.Path, NullLogger.Instance, TimeProvider.System);
        var script = new Script(env);
        var keys = Directory.CreateDirectory(Path.Combine(folder.Path, "keys")).FullName;
        var inAgent = await SshKeygen.GenerateAsync(keys, "agent", "ed25519");
        var passphrase = Guid.NewGuid().ToString("N");
        var locked = await SshKeygen.GenerateAsync(keys, "locked", "ecdsa", 384, passphrase);
        var rsa = await SshKeygen.GenerateAsync(keys, "rsa", "rsa", 3072);
        var passphraseFile = Path.Combine(keys, "passphrase");
        File.WriteAllText(passphraseFile, passphrase + "\n");
        foreach (var key in new[] { inAgent, locked, rsa })
        {
            File.AppendAllText(env.Settings.AllowedSignersFile, $"{env.Approver.Principal} {SshKeygen.PublicKeyLine(key)}\n");
        }
        using var agent = await SshAgent.StartAsync(keys);
        await agent.AddAsync(inAgent);
        File.Delete(inAgent); // only the agent holds it now
        var throughAgent = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = agent.Socket };

        var started = await script.RunAsync("orchestrate", ExitCodes.AwaitingApproval, "--document", "KB-2186", "--mode", "live", "--actor", "script");
        var runId = (string)started["run"]!["run_id"]!;
        var sg1 = await script.ApproveAsync(Pending(started, "SG_1_cut_authz"), throughAgent, "--agent", "--key", inAgent + ".pub");
        var ruling = await script.ApproveAsync(Pending(started, "execution_ruling"), new(), "--key", locked, "--passphrase-file", passphraseFile);
        var paused = await script.RunAsync("resume", ExitCodes.AwaitingApproval, "--run-id", runId, "--approval", sg1, "--ruling", ruling);
        var sg2 = await script.ApproveAsync(Pending(paused, "SG_2_lifecycle_authz"), new(), "--key", rsa);
        var done = await script.RunAsync("resume", ExitCodes.Ok, "--run-id", runId, "--approval", sg2);

        Assert.Equal("closeout_reported", (string?)done["run"]!["status"]);
        // Each approval the run accepted also verifies with ssh-keygen against the same allowed_signers.
        var kb = new FolderKnowledgeBase(env.Settings.KbRoot);
        foreach (var id in new[] { sg1, ruling, sg2 })
        {
            var approval = await kb.GetAsync(KbDocId.Parse(id));
            var signature = Path.Combine(keys, id + ".sig");
            File.WriteAllText(signature, approval.Signature);
            var verified = await SshKeygen.VerifyAsync(env.Settings.AllowedSignersFile, env.Approver.Principal, ApprovalFields.SignatureNamespace, signature, approval.Raw);
            Assert.True(verified.Succeeded, $"{id}: {verified.StandardError}");
        }
    }
}
