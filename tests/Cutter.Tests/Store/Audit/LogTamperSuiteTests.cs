using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.Escalation;
using Cutter.Rehearsal;
using Cutter.Store.Audit;
using Cutter.Tests.Orchestration;
using Cutter.Tests.Support;
using Cutter.Tests.Verification;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store.Audit;

/// <summary>
/// The auditor's view (docs/audit.md): after finished runs (a run, its governed SG_3 revert, and the run again), each
/// way the owner (NOSUPERUSER, owning the schemas, free to disable user triggers) or someone with file access to the
/// sidecar and KB hides a change is detected by <c>cutter audit verify</c>'s check, by name; the clean store passes.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class LogTamperSuiteTests(PostgresFixture postgres)
{
    private static async Task<RunnerHarness> FinishedRunsAsync(PostgresFixture postgres)
    {
        var harness = await RunnerHarness.CreateAsync(postgres);
        var first = await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);
        var runId = RunId.Parse(first.RunId);
        var escalation = new RunEscalation(harness.Services);
        var request = await escalation.RequestAsync(runId, EscalationActions.Revert, "tamper suite: revert the first run", CancellationToken.None);
        await escalation.ExecuteAsync(runId, EscalationActions.Revert, await harness.ApproveAsync(request.Value), CancellationToken.None);
        await RehearsalRun.RunAsync(harness.Environment, harness.Time, NullLogger.Instance);

        var clean = await AuditAsync(harness);
        Assert.True(clean.Verified, string.Join("\n", clean.Findings));
        return harness;
    }

    /// <summary>
    /// Hands the store's schemas and every object in them to a fresh LOGIN NOSUPERUSER role and returns its connection
    /// string: the real owner a tamperer would be (the disposable server's own login is a superuser).
    /// </summary>
    private static async Task<string> RealOwnerAsync(RunnerHarness harness)
    {
        var role = "tamper_owner_" + Guid.NewGuid().ToString("N")[..8];
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await Sql.ExecAsync(harness.Owner, $"""
            CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD '{password}';
            GRANT CONNECT ON DATABASE "{new NpgsqlConnectionStringBuilder(harness.Owner).Database}" TO {role};
            DO $$
            DECLARE o record;
            BEGIN
                FOR o IN SELECT n.nspname FROM pg_namespace n WHERE n.nspname IN ('cutter_core', 'cutter_governance') LOOP
                    EXECUTE format('ALTER SCHEMA %I OWNER TO {role}', o.nspname);
                END LOOP;
                -- Tables first (their identity and serial sequences move with them), then the sequences of their own.
                FOR o IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('cutter_core', 'cutter_governance') AND c.relkind IN ('r', 'S') ORDER BY c.relkind DESC LOOP
                    IF o.relkind = 'r' THEN
                        EXECUTE format('ALTER TABLE %I.%I OWNER TO {role}', o.nspname, o.relname);
                    ELSIF NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = format('%I.%I', o.nspname, o.relname)::regclass AND d.deptype IN ('a', 'i')) THEN
                        EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO {role}', o.nspname, o.relname);
                    END IF;
                END LOOP;
                -- The governed-write functions stay with the NOLOGIN governor (0009).
                FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname IN ('cutter_core', 'cutter_governance')
                           AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = 'cutter_governor') LOOP
                    EXECUTE format('ALTER FUNCTION %s OWNER TO {role}', o.f);
                END LOOP;
            END $$;
            """);
        var owner = new NpgsqlConnectionStringBuilder(harness.Owner) { Username = role, Password = password, Pooling = false }.ConnectionString;
        Assert.False(await Sql.ScalarAsync<bool>(owner, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        return owner;
    }

    private static async Task<AuditOutcome> AuditAsync(RunnerHarness harness)
    {
        await using var connection = new NpgsqlConnection(harness.Environment.Store.VerifyConnectionString);
        await connection.OpenAsync();
        return await StoreAudit.RunAsync(harness.Environment.Settings, connection, harness.Services.Kb, null, CancellationToken.None);
    }

    private static string[] Names(AuditOutcome outcome) => [.. outcome.Findings.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_relink_after_an_edit_with_the_closeout_doc_edited_to_match_is_caught_by_the_checkpoints_and_the_closeout_signature()
    {
        await using var harness = await FinishedRunsAsync(postgres);
        var owner = await RealOwnerAsync(harness);
        var oldRoot = await Sql.ScalarAsync<string>(harness.Owner, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");

        await Sql.ExecAsync(owner, BrokenRunTests.RelinkAfterEditSql);
        var newRoot = await Sql.ScalarAsync<string>(harness.Owner, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");
        var closeout = Directory.EnumerateFiles(harness.Environment.Settings.KbRoot, "KB-*.md")
            .Single(f => File.ReadAllText(f) is var text && text.Contains("kind: closeout", StringComparison.Ordinal) && text.Contains(oldRoot, StringComparison.Ordinal));
        File.WriteAllText(closeout, File.ReadAllText(closeout).Replace(oldRoot, newRoot, StringComparison.Ordinal));

        var outcome = await AuditAsync(harness);

        Assert.NotEqual(oldRoot, newRoot);
        Assert.Equal([LogFindings.CheckpointInconsistent, LogFindings.CloseoutSignature], Names(outcome));
        Assert.Contains(outcome.Findings, f => f.Name == LogFindings.CheckpointInconsistent && f.Expected == oldRoot && f.Found == newRoot);
        Assert.Contains(outcome.Findings, f => f.Name == LogFindings.CloseoutSignature && f.Where.StartsWith($"closeout doc {Path.GetFileNameWithoutExtension(closeout)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_appended_after_the_last_checkpoint_through_the_normal_insert_path_are_an_uncovered_tail()
    {
        await using var harness = await FinishedRunsAsync(postgres);
        var owner = await RealOwnerAsync(harness);

        // The flag is one row per run since 0009: the owner raises it for the runs whose rows it appends.
        await Sql.ExecAsync(owner, """
            CREATE TEMP TABLE appended AS SELECT iu_id, run_id FROM cutter_core.information_unit ORDER BY iu_id LIMIT 3;
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) SELECT DISTINCT run_id, true, now() FROM appended
                ON CONFLICT (run_id) DO UPDATE SET enabled = true;
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT iu_id, 'enacted', 'enacted', run_id, (SELECT min(review_decision_id::text)::uuid FROM cutter_governance.review_decision), now()
            FROM appended ORDER BY iu_id;
            UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id IN (SELECT run_id FROM appended);
            """);
        var outcome = await AuditAsync(harness);

        // Every leaf and root recomputes (the rows went through the log's triggers): only the signed checkpoints tell.
        var tail = Assert.Single(outcome.Findings);
        Assert.Equal(LogFindings.TailUncovered, tail.Name);
        Assert.EndsWith("were appended after it", tail.Problem, StringComparison.Ordinal);
        Assert.Contains("cutter_core.lifecycle_log: 3 rows", tail.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_deleted_by_the_owner_with_the_guards_disabled_are_named_with_their_entry()
    {
        await using var harness = await FinishedRunsAsync(postgres);
        var owner = await RealOwnerAsync(harness);
        var entry = await Sql.ScalarAsync<long>(harness.Owner, "SELECT entry_seq FROM cutter_core.lifecycle_log ORDER BY log_id DESC LIMIT 1");

        await Sql.ExecAsync(owner, $"""
            ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER USER;
            DELETE FROM cutter_core.lifecycle_log WHERE log_id IN (SELECT log_id FROM cutter_core.lifecycle_log WHERE entry_seq = {entry} ORDER BY log_id LIMIT 3);
            ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER USER;
            """);
        var outcome = await AuditAsync(harness);

        var deleted = Assert.Single(outcome.Findings);
        Assert.Equal(LogFindings.RowsDeleted, deleted.Name);
        Assert.StartsWith($"entry {entry} (", deleted.Where, StringComparison.Ordinal);
        Assert.Contains("rows listed", deleted.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_signed_with_a_foreign_key_covers_nothing_and_is_named()
    {
        await using var harness = await FinishedRunsAsync(postgres);
        var foreign = await ThrowawaySshKey.CreateAsync(Path.Combine(harness.Environment.WorkDir, "mallory"), "mallory@elsewhere");
        // Append a row through the normal path, then cover it with a checkpoint signed by a key allowed_signers does not list, in both places.
        var owner = await RealOwnerAsync(harness);
        var writer = Guid.NewGuid();
        await Sql.ExecAsync(owner, $"""
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES ('{writer}', true, now());
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT min(iu_id), 'enacted', 'enacted', '{writer}', (SELECT min(review_decision_id::text)::uuid FROM cutter_governance.review_decision), now()
            FROM cutter_core.information_unit;
            UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id = '{writer}';
            """);
        var size = await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_governance.log_entry");
        var root = await Sql.ScalarAsync<string>(harness.Owner, "SELECT root_hash FROM cutter_governance.log_entry ORDER BY tree_size DESC LIMIT 1");
        var newest = new CheckpointStore(harness.Environment.Settings.SidecarRoot, harness.Services.Kb).ReadSidecar()[^1].Checkpoint!;
        var counts = new Dictionary<string, long>(newest.Counts) { ["cutter_core.lifecycle_log"] = newest.Counts["cutter_core.lifecycle_log"] + 1 };
        var raw = (newest with { TreeSize = size, Root = root, Counts = counts, Event = "forged" }).Render();
        var signature = SshSigningKey.Load(foreign.PrivateKeyPath).Sign(raw, LogCheckpoint.SignatureNamespace).ToArmored();
        await new CheckpointStore(harness.Environment.Settings.SidecarRoot, harness.Services.Kb).AppendAsync(raw, signature, "forged-checkpoint", CancellationToken.None);

        var outcome = await AuditAsync(harness);

        Assert.Equal([LogFindings.CheckpointSignature, LogFindings.TailUncovered], Names(outcome));
        Assert.Equal(2, outcome.Findings.Count(f => f.Name == LogFindings.CheckpointSignature));
        Assert.All(outcome.Findings.Where(f => f.Name == LogFindings.CheckpointSignature),
            f => Assert.StartsWith("its signature does not verify", f.Problem, StringComparison.Ordinal));
    }
}
