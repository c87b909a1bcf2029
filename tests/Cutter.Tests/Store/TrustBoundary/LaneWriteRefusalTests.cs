using Cutter.Governance.Approvals;
using Cutter.Rehearsal;
using Cutter.Store;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cutter.Tests.Store.TrustBoundary;

/// <summary>
/// Issue 15's attacker: someone holding only the env file's lane passwords, logged in as cutter_exec or cutter_verify,
/// tries every governed write directly. Each is refused by the server with its SQLSTATE and no table changes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LaneWriteRefusalTests(PostgresFixture postgres)
{
    private const string Denied = "42501";

    /// <summary>The attempts against a finished live run <c>{run}</c> (its SG_2 decision <c>{sg2}</c>), with the code each must raise as cutter_exec.</summary>
    private static readonly (string Sql, string Code)[] ExecAttempts =
    [
        ("UPDATE cutter_governance.execution_flag SET enabled = true", Denied),
        ("INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES (gen_random_uuid(), true, now())", Denied),
        ("SELECT cutter_governance.flag_raise('{run}', 'KB-1')", "CT012"),
        ("SELECT cutter_governance.flag_raise(gen_random_uuid(), 'KB-1')", "CT011"),
        ("INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at) VALUES (gen_random_uuid(), '{run}', 'SG_3_escalation_authz', 'KB-1', repeat('a', 64), 'x', now(), now())", Denied),
        ("SELECT cutter_governance.record_decision(gen_random_uuid(), '{run}', 'SG_2_lifecycle_authz', 'KB-1', encode(sha256('x'), 'hex'), NULL, 'x', now(), 'x'::bytea, 'sig', now())", "CT012"),
        ("SELECT cutter_governance.record_decision(gen_random_uuid(), '{run}', 'SG_3_escalation_authz', 'KB-1', encode(sha256('x'), 'hex'), NULL, 'x', now(), 'x'::bytea, 'sig', now())", "CT014"),
        ("SELECT cutter_governance.record_decision('{sg2}', '{run}', 'SG_2_lifecycle_authz', 'KB-1', encode(sha256('x'), 'hex'), NULL, 'x', now(), 'x'::bytea, 'sig', now())", "CT015"),
        ("SELECT cutter_governance.record_decision(gen_random_uuid(), '{run}', 'SG_2_lifecycle_authz', 'KB-1', repeat('a', 64), NULL, 'x', now(), NULL, NULL, now())", "CT016"),
        ("SELECT cutter_governance.record_decision(gen_random_uuid(), '{run}', 'SG_2_lifecycle_authz', 'KB-1', repeat('a', 64), NULL, 'x', now(), 'x'::bytea, 'sig', now())", "CT014"),
        ("SELECT cutter_governance.record_escalation(gen_random_uuid(), '{run}', 'KB-1', encode(sha256('y'), 'hex'), repeat('f', 64), 'x', now(), 'y'::bytea, 'sig', 'revert', repeat('a', 64), now())", "CT014"),
        ("SELECT cutter_governance.record_escalation(gen_random_uuid(), '{run}', 'KB-1', encode(sha256('y'), 'hex'), (SELECT payload_sha FROM cutter_governance.run WHERE run_id = '{run}'), 'x', now(), 'y'::bytea, 'sig', 'compensate', repeat('a', 64), now())", "CT012"),
        ("INSERT INTO cutter_governance.revert_authorization (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at) VALUES (gen_random_uuid(), '{run}', 'revert', repeat('a', 64), '{sg2}', now() + interval '5 minutes', now())", Denied),
        ("SELECT cutter_governance.finish_escalation(gen_random_uuid(), now())", "CT017"),
        ("INSERT INTO cutter_governance.chain_redaction (table_name, chain_seq, row_hash, run_id, authorization_id, redacted_at) VALUES ('cutter_core.lifecycle_log', 1, 'x', '{run}', gen_random_uuid(), now())", Denied),
        ("UPDATE cutter_core.information_unit SET lifecycle_state = 'draft' WHERE run_id = '{run}'", "CT001"),
        ("DELETE FROM cutter_core.information_unit WHERE run_id = '{run}'", "CT001"),
        ("DELETE FROM cutter_core.unit_version WHERE run_id = '{run}'", "CT001"),
        ("DELETE FROM cutter_core.lifecycle_log WHERE run_id = '{run}'", "CT001"),
        ("UPDATE cutter_core.unit_version SET content = 'x' WHERE run_id = '{run}'", Denied),
        ("TRUNCATE cutter_core.information_unit CASCADE", Denied),
        ("TRUNCATE cutter_core.lifecycle_log", Denied),
        ("TRUNCATE cutter_governance.review_decision CASCADE", Denied),
        ("UPDATE cutter_governance.run SET state = 'running' WHERE run_id = '{run}'", Denied),
        ("DELETE FROM cutter_governance.run WHERE run_id = '{run}'", Denied),
        ("SELECT cutter_governance.run_set_state('{run}', 'running', now())", "CT012"),
        ("SELECT cutter_governance.run_set_state(gen_random_uuid(), 'running', now())", "CT011"),
        ("SELECT cutter_governance.run_create('{run}', 1, 'live', 'x', repeat('a', 64), 1, now())", "CT011"),
        ("INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, started_at, finished_at) VALUES ('{run}', 11, 'x', 'passed', now(), now())", Denied),
        ("DELETE FROM cutter_governance.phase_ledger WHERE run_id = '{run}'", Denied),
        ("SELECT cutter_governance.ledger_append('{run}', 5::smallint, 'x', 0, now(), now())", "CT013"),
        ("SELECT cutter_governance.ledger_append(gen_random_uuid(), 1::smallint, 'x', 0, now(), now())", "CT011"),
        ("SELECT cutter_governance.check_decision(gen_random_uuid(), '{run}', 'SG_2_lifecycle_authz', repeat('a', 64), NULL, 'x', NULL, NULL)", Denied),
    ];

    /// <summary>The same store as the verify lane: every write and every governed function is refused by privilege.</summary>
    private static readonly string[] VerifyAttempts =
    [
        "UPDATE cutter_governance.execution_flag SET enabled = true",
        "SELECT cutter_governance.flag_raise('{run}', 'KB-1')",
        "SELECT cutter_governance.flag_lower('{run}')",
        "SELECT cutter_governance.record_decision(gen_random_uuid(), '{run}', 'SG_2_lifecycle_authz', 'KB-1', repeat('a', 64), NULL, 'x', now(), NULL, NULL, now())",
        "INSERT INTO cutter_governance.revert_authorization (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at) VALUES (gen_random_uuid(), '{run}', 'revert', repeat('a', 64), '{sg2}', now() + interval '5 minutes', now())",
        "DELETE FROM cutter_core.lifecycle_log WHERE run_id = '{run}'",
        "TRUNCATE cutter_core.unit_version",
        "SELECT cutter_governance.run_set_state('{run}', 'running', now())",
        "SELECT cutter_governance.ledger_append('{run}', 12::smallint, 'x', 0, now(), now())",
    ];

    private static async Task<(RunnerHarness Harness, string Run, string Sg2)> FinishedRunAsync(PostgresFixture postgres)
    {
        var harness = await RunnerHarness.CreateAsync(postgres);
        var done = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        await harness.Environment.WriteConfigurationAsync(CancellationToken.None);
        return (harness, done.RunId, done.Gates[ApprovalGate.Sg2LifecycleAuthz].ReviewDecisionId!);
    }

    [Fact]
    public async Task Every_governed_write_as_cutter_exec_or_cutter_verify_is_refused_with_its_sqlstate_and_changes_nothing()
    {
        var (harness, run, sg2) = await FinishedRunAsync(postgres);
        await using var _ = harness;
        var exec = LaneLogins.FromEnvFile(harness.Environment, Lane.Exec);
        var verify = LaneLogins.FromEnvFile(harness.Environment, Lane.Verify);
        var before = await harness.TableHashesAsync();
        string Bind(string sql) => sql.Replace("{run}", run, StringComparison.Ordinal).Replace("{sg2}", sg2, StringComparison.Ordinal);

        var execCodes = new List<string>();
        foreach (var (sql, _) in ExecAttempts)
        {
            execCodes.Add($"{(await Sql.FailsAsync(exec, Bind(sql))).SqlState} {sql}");
        }
        var verifyCodes = new List<string>();
        foreach (var sql in VerifyAttempts)
        {
            verifyCodes.Add($"{(await Sql.FailsAsync(verify, Bind(sql))).SqlState} {sql}");
        }

        Assert.Equal(ExecAttempts.Select(a => $"{a.Code} {a.Sql}"), execCodes);
        Assert.Equal(VerifyAttempts.Select(sql => $"{Denied} {sql}"), verifyCodes);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task An_authorization_from_another_transaction_named_in_the_setting_lets_no_delete_through_even_with_the_flag_on()
    {
        var (harness, run, sg2) = await FinishedRunAsync(postgres);
        await using var _ = harness;
        var exec = LaneLogins.FromEnvFile(harness.Environment, Lane.Exec);
        // The worst case: an authorization for this very run exists (made in another transaction) and the run's flag is on.
        var authorization = Guid.NewGuid();
        await Sql.ExecAsync(harness.Owner, $"""
            INSERT INTO cutter_governance.revert_authorization (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at, created_xact)
                VALUES ('{authorization}', '{run}', 'revert', repeat('a', 64), '{sg2}', now() + interval '5 minutes', now(), txid_current());
            UPDATE cutter_governance.execution_flag SET enabled = true WHERE run_id = '{run}';
            """);
        var before = await harness.TableHashesAsync();

        var lifecycle = await Sql.FailsAsync(exec, $"SELECT set_config('cutter.revert_authorization', '{authorization}', false); DELETE FROM cutter_core.lifecycle_log WHERE run_id = '{run}'");
        var units = await Sql.FailsAsync(exec, $"SELECT set_config('cutter.revert_authorization', '{authorization}', false); DELETE FROM cutter_core.information_unit WHERE run_id = '{run}'");
        var versions = await Sql.FailsAsync(exec, $"SELECT set_config('cutter.revert_authorization', '{authorization}', false); DELETE FROM cutter_core.unit_version WHERE run_id = '{run}'");
        var finish = await Sql.FailsAsync(exec, $"SELECT cutter_governance.finish_escalation('{authorization}', now())");

        Assert.Equal(["CT002", "CT002", "CT002", "CT017"], new[] { lifecycle.SqlState, units.SqlState, versions.SqlState, finish.SqlState });
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task The_owner_cannot_truncate_a_protected_table_while_the_guards_are_on()
    {
        var (harness, _, _) = await FinishedRunAsync(postgres);
        await using var __ = harness;
        var before = await harness.TableHashesAsync();
        string[] tables =
        [
            "cutter_core.document", "cutter_core.information_unit", "cutter_core.unit_version", "cutter_core.lifecycle_log",
            "cutter_governance.run", "cutter_governance.phase_ledger", "cutter_governance.review_decision", "cutter_governance.execution_flag",
            "cutter_governance.revert_authorization", "cutter_governance.chain_redaction",
        ];

        var codes = new List<string>();
        foreach (var table in tables) codes.Add((await Sql.FailsAsync(harness.Owner, $"TRUNCATE {table} CASCADE")).SqlState);

        Assert.All(codes, code => Assert.Equal("CT010", code));
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_run_waiting_at_SG_2_cannot_raise_its_flag_without_a_ruling_or_without_its_SG_2_decision()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var atSg2 = await harness.RunToSg2Async();
        await harness.Environment.WriteConfigurationAsync(CancellationToken.None);
        var exec = LaneLogins.FromEnvFile(harness.Environment, Lane.Exec);
        var before = await harness.TableHashesAsync();

        var noRuling = await Sql.FailsAsync(exec, $"SELECT cutter_governance.flag_raise('{atSg2.RunId}', NULL)");
        var noDecision = await Sql.FailsAsync(exec, $"SELECT cutter_governance.flag_raise('{atSg2.RunId}', 'KB-77')");
        var write = await Sql.FailsAsync(exec, $"UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE run_id = '{atSg2.RunId}'");

        Assert.Equal(["CT014", "CT012", "CT001"], new[] { noRuling.SqlState, noDecision.SqlState, write.SqlState });
        Assert.Equal(before, await harness.TableHashesAsync());
    }
}
