using Cutter.Domain;
using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;
using Cutter.Rehearsal;
using Cutter.Rehearsal.Seeding;
using Cutter.Tests.Support;
using Cutter.Governance.Approvals;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>Every STOP the runner raises, provoked for real; each leaves the store as it was.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StopConditionTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Drift_stops_the_run_in_its_preflight_naming_the_document_and_the_difference()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        harness.Environment.Settings.PinnedCounts["ICX-CONST"] = 61;
        harness.Rebuild();
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.Drift, stop.Code);
        Assert.Equal("drift: 1 pinned document(s) drifted: ICX-CONST: pinned 61, live 60 (-1)", stop.Detail);
        Assert.Equal(1, stop.Phase);
        var state = harness.Runner.Status(stop.RunId!.Value);
        Assert.Equal(RunStatus.Stopped, state.Status);
        Assert.Equal("STOP_DRIFT", state.Stop!.Code);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_document_missing_from_the_store_is_drift_too()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        harness.Environment.Settings.PinnedCounts["ICX-GONE"] = 5;
        harness.Rebuild();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal("drift: 1 pinned document(s) drifted: ICX-GONE: pinned 5, not in the store", stop.Detail);
    }

    [Fact]
    public async Task An_invalid_cut_plan_stops_at_phase_3_with_the_diagnostics()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var bad = "---\nid: KB-3001\ndocument_code: BAD-DOC\ntitle: Bad\nkind: charter\n---\n\n# Bad\n\n## Article 1\n\nText.\n\n## Article 1\n\nAgain.\n";
        await File.WriteAllTextAsync(Path.Combine(harness.Environment.Settings.KbRoot, "KB-3001.md"), bad);
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.CutAsync(KbDocId.Parse("KB-3001"), RunMode.Live, "tester"));

        Assert.Equal(StopCodes.CutPlanInvalid, stop.Code);
        Assert.Equal(3, stop.Phase);
        Assert.Contains("duplicate-numbering", stop.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_second_run_on_a_document_held_by_a_paused_run_is_refused()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var first = await harness.CutTargetAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.DocumentLocked, stop.Code);
        Assert.Equal($"KB-2186 is held by an unfinished live run: {first.RunId} (awaiting_SG_1)", stop.Detail);
    }

    [Fact]
    public async Task A_run_on_an_enacted_target_whose_text_did_not_change_stops_at_phase_3_with_nothing_to_amend()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await RehearsalRun.RunAsync(harness.Environment, harness.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.CutPlanInvalid, stop.Code);
        Assert.Equal(3, stop.Phase);
        Assert.StartsWith("ICX-CHARTER-2026: the new text is the enacted text (sha256:enacted-v1:", stop.Detail, StringComparison.Ordinal);
        Assert.EndsWith("); there is nothing to amend", stop.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_from_an_unknown_signer_stops_the_resume_and_leaves_the_run_waiting()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var stranger = await ThrowawaySshKey.CreateAsync(Path.Combine(harness.Environment.WorkDir, "stranger"), "stranger@elsewhere");
        var forged = await harness.ApproveAsync(paused.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId, stranger.PrivateKeyPath, stranger.Principal);
        var ruling = await harness.ApproveAsync(paused.RulingRequestKbId);
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), forged, ruling));

        Assert.Equal(StopCodes.ApprovalUnknownSigner, stop.Code);
        Assert.Equal(RunStatus.AwaitingSg1, harness.Runner.Status(RunId.Parse(paused.RunId)).Status);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task An_approval_for_the_wrong_gate_is_refused()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var ruling = await harness.ApproveAsync(paused.RulingRequestKbId);

        // The ruling doc offered where the SG_1 approval belongs.
        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), ruling, ruling));

        Assert.Equal(StopCodes.ApprovalWrongGate, stop.Code);
    }

    [Fact]
    public async Task The_same_approval_cannot_be_consumed_twice()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var (sg1, ruling) = await harness.ApproveSg1AndRulingAsync(paused);
        var atSg2 = await harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1, ruling);
        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        var registry = new StoreDecisionRegistry(harness.Services.Store);
        var consumed = atSg2.Gates[ApprovalGate.Sg1CutAuthz];

        Assert.True(await registry.IsApprovalUsedAsync(consumed.ApprovalSha256!, CancellationToken.None));
        Assert.True(await registry.IsDecisionIdUsedAsync(Guid.Parse(consumed.ReviewDecisionId!), CancellationToken.None));
        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1));
        Assert.Equal(StopCodes.ApprovalWrongGate, stop.Code);
    }

    [Fact]
    public async Task An_expired_ruling_stops_before_the_flag_is_raised()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var ruling = await harness.ApproveAsync(paused.RulingRequestKbId);
        harness.Time.Advance(TimeSpan.FromMinutes(harness.Environment.Settings.RulingTtlMinutes + 1));
        var sg1 = await harness.ApproveAsync(paused.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId);
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1, ruling));

        Assert.Equal(StopCodes.RulingInvalid, stop.Code);
        Assert.StartsWith("NotExpired", stop.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_backup_key_missing_from_the_keyring_is_caught_by_the_precheck_before_anything_runs()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        harness.Rebuild(name => name == Cutter.Configuration.EnvironmentNames.BackupGpgFingerprint ? new string('A', 40) : harness.Environment.ReadEnvironment(name));
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.PrecheckFailed, stop.Code);
        Assert.Equal(1, stop.Phase);
        Assert.StartsWith("backup_key: ", stop.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task A_backup_that_cannot_be_encrypted_stops_phase_5_with_nothing_written_and_the_flag_off()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        // The precheck is waived on purpose here so that phase 5 itself meets the missing key.
        harness.Environment.Settings.PrecheckWaivers["backup_key"] = "test: provoke the phase 5 failure";
        harness.Rebuild(name => name == Cutter.Configuration.EnvironmentNames.BackupGpgFingerprint ? new string('A', 40) : harness.Environment.ReadEnvironment(name));
        var paused = await harness.CutTargetAsync();
        var (sg1, ruling) = await harness.ApproveSg1AndRulingAsync(paused);
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1, ruling));

        Assert.Equal(StopCodes.BackupFailed, stop.Code);
        Assert.Equal(5, stop.Phase);
        Assert.Equal(before, await harness.TableHashesAsync());
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag"));
    }

    [Fact]
    public async Task State_json_claiming_a_phase_the_ledger_lacks_is_a_torn_write()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var state = harness.Services.Sidecar.Load(RunId.Parse(paused.RunId));
        state.Phases[5].Result = PhaseResult.Passed; // phase 6: nothing in the ledger backs it
        harness.Services.Sidecar.Save(state);
        var (sg1, ruling) = await harness.ApproveSg1AndRulingAsync(paused);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1, ruling));

        Assert.Equal(StopCodes.TornWrite, stop.Code);
        Assert.StartsWith("state.json says phase 6 passed but the phase ledger has no row for it; SG_3 compensation requested as KB-", stop.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("content = content || ' (tampered)'", "1 versions whose content does not hash to content_sha256")]
    [InlineData("content_hash_form = 'sha256:content-v9'", "1 unit version(s) in a content hash form this Cutter does not know: sha256:content-v9")]
    public async Task Tampered_draft_rows_stop_draft_verify_with_the_broken_invariant(string tampering, string broken)
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var atSg2 = await harness.RunToSg2Async();
        var runId = RunId.Parse(atSg2.RunId);
        await Sql.ExecAsync(harness.Owner, $"""
            ALTER TABLE cutter_core.unit_version DISABLE TRIGGER USER;
            UPDATE cutter_core.unit_version SET {tampering} WHERE uv_id = (SELECT min(uv_id) FROM cutter_core.unit_version WHERE run_id = '{runId}');
            ALTER TABLE cutter_core.unit_version ENABLE TRIGGER USER;
            """);
        var context = new RunContext(harness.Services, harness.Services.Sidecar.Load(runId));
        context.Plan = harness.Services.Discoverer.Discover(await harness.Services.Kb.GetAsync(SampleRegistry.TargetId));

        var stop = await Assert.ThrowsAsync<StopException>(() => new P09DraftVerify().ExecuteAsync(context, CancellationToken.None));

        Assert.Equal(StopCodes.InvariantFailed, stop.Code);
        Assert.Equal(broken, stop.Detail);
    }

    [Fact]
    public async Task A_flag_left_on_by_a_dead_run_is_turned_off_at_the_next_start()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var atSg2 = await harness.RunToSg2Async();
        await Sql.ExecAsync(harness.Owner, $"UPDATE cutter_governance.execution_flag SET enabled = true, run_id = '{atSg2.RunId}'");

        var message = await ExecutionFlagJanitor.RecoverAsync(harness.Services.Store, harness.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);

        Assert.Equal($"execution flag __execution_enabled__ was left on by run {atSg2.RunId} whose process is gone; turned it off", message);
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, "SELECT coalesce(bool_or(enabled), false) FROM cutter_governance.execution_flag"));
    }

    [Fact]
    public async Task A_flag_held_by_another_live_run_of_another_document_does_not_hold_up_the_execution_flip()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var (sg1, ruling) = await harness.ApproveSg1AndRulingAsync(paused);
        // Another live run of another document holds its own flag: its run row exists and its process holds the document's advisory lock.
        var other = Guid.NewGuid();
        await Sql.ExecAsync(harness.Owner, $"""
            INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
            SELECT '{other}', document_id, 'live', 'someone else', repeat('b', 64), 1, 'running', now(), now() FROM cutter_core.document WHERE kb_id = 'KB-2002';
            INSERT INTO cutter_governance.execution_flag (run_id, enabled, ruling_kb_id, changed_at) VALUES ('{other}', true, 'KB-2003', now());
            """);
        await using var holder = new Npgsql.NpgsqlConnection(harness.Owner);
        await holder.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('cutter-document:' || 'KB-2002', 0))", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var atSg2 = await harness.Runner.ResumeAsync(RunId.Parse(paused.RunId), sg1, ruling);

        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        Assert.True(await Sql.ScalarAsync<bool>(harness.Owner, $"SELECT enabled FROM cutter_governance.execution_flag WHERE run_id = '{other}'"));
        Assert.False(await Sql.ScalarAsync<bool>(harness.Owner, $"SELECT enabled FROM cutter_governance.execution_flag WHERE run_id = '{paused.RunId}'"));
    }

    [Fact]
    public async Task A_pinned_source_that_changed_on_disk_stops_the_resume()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var paused = await harness.CutTargetAsync();
        var runId = RunId.Parse(paused.RunId);
        var snapshot = Path.Combine(harness.Services.Sidecar.RunFolder(runId), P02SourceSnapshot.SnapshotFileName);
        await File.AppendAllTextAsync(snapshot, "\nAn article nobody approved.\n");
        var (sg1, ruling) = await harness.ApproveSg1AndRulingAsync(paused);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(runId, sg1, ruling));

        Assert.Equal(StopCodes.StateMismatch, stop.Code);
        Assert.StartsWith($"{snapshot} no longer hashes to the pinned source sha", stop.Detail, StringComparison.Ordinal);
    }
}
