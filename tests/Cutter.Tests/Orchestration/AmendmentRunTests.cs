using Cutter.Cutting;
using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Knowledge;
using Cutter.Orchestration.Audit;
using Cutter.Orchestration.State;
using Cutter.Rehearsal.Seeding;
using Cutter.Store.Writes;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Orchestration;

/// <summary>
/// Amendment runs through the runner on a real store (docs/amendments.md): the sample charter is enacted, its text
/// amended (three clauses and an article changed, a clause and an article added, the preamble removed, the last
/// articles renumbered by an insertion), and run again through both gates.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AmendmentRunTests(PostgresFixture postgres)
{
    private const string Art = "part-3/ch-5/art-";

    /// <summary>The amended charter: each edit below is one line of the expected diff.</summary>
    internal static string AmendedCharter(string original)
    {
        var amended = original
            // changed
            .Replace("is the Interchange Council (the \"Council\").", "is the Interchange Council (the \"Council\"), seated where its Assembly decides.", StringComparison.Ordinal)
            .Replace("2. The Assembly admits members by a two-thirds majority", "2. The Assembly admits members by a three-quarters majority", StringComparison.Ordinal)
            .Replace("1. The Board consists of five persons", "1. The Board consists of seven persons", StringComparison.Ordinal)
            // added: a fourth clause of article 3; a new article 9 (its heading makes the old article 9 "changed"), which renumbers 9 and 10
            .Replace("   days after the notice is received.\n", "   days after the notice is received.\n4. A member that has withdrawn may apply again after one year.\n", StringComparison.Ordinal)
            .Replace("#### Article 9. Amendment", "#### Article 9. Dissolution\n\nThe Council may be dissolved only by a unanimous decision of the Assembly.\n\n#### Article 10. Amendment", StringComparison.Ordinal)
            .Replace("#### Article 10. Entry into Force", "#### Article 11. Entry into Force", StringComparison.Ordinal);
        // removed: the preamble
        var preamble = amended.IndexOf("## Preamble", StringComparison.Ordinal);
        var next = amended.IndexOf("## Part I.", StringComparison.Ordinal);
        return amended[..preamble] + amended[next..];
    }

    private static string TargetPath(RunnerHarness harness) => Path.Combine(harness.Environment.Settings.KbRoot, SampleRegistry.TargetFileName);

    private static async Task<RunState> ThroughBothGatesAsync(RunnerHarness harness, RunState paused)
    {
        var atSg2 = await harness.RunToSg2AsyncFrom(paused);
        Assert.Equal(RunStatus.AwaitingSg2, atSg2.Status);
        var sg2 = await harness.ApproveAsync(atSg2.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        return await harness.Runner.ResumeAsync(RunId.Parse(atSg2.RunId), sg2);
    }

    /// <summary>Enacts the charter as it is, then writes the amended text into the KB.</summary>
    private static async Task<RunState> EnactThenAmendTextAsync(RunnerHarness harness)
    {
        var first = await ThroughBothGatesAsync(harness, await harness.CutTargetAsync());
        Assert.Equal(RunStatus.CloseoutReported, first.Status);
        await File.WriteAllTextAsync(TargetPath(harness), AmendedCharter(await File.ReadAllTextAsync(TargetPath(harness))));
        return first;
    }

    /// <summary>The lines as <see cref="RowsAsync"/> lists them: in ordinal (C collation) order, joined with " | ".</summary>
    private static string Lines(params string[] lines) => string.Join(" | ", lines.Order(StringComparer.Ordinal));

    private static Task<string> RowsAsync(RunnerHarness harness, string sql) => Sql.ScalarAsync<string>(harness.Owner, $"SELECT coalesce(string_agg(line, ' | ' ORDER BY line COLLATE \"C\"), '') FROM ({sql}) rows (line)");

    /// <summary>Every unit of run <paramref name="run"/> with its row version and its version rows, by address.</summary>
    private static Task<string> UnitRowsOfRunAsync(RunnerHarness harness, string run) => RowsAsync(harness, $"""
        SELECT u.address || ' ' || u.iu_id || ' ' || u.xmin || ' ' || u.lifecycle_state || ' ' || v.uv_id || ' ' || v.xmin || ' ' || v.content_sha256
               || ' ' || coalesce(v.superseded_run_id::text, '-')
        FROM cutter_core.information_unit u JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id AND v.version_no = 1 WHERE u.run_id = '{run}'
        """);

    [Fact]
    public async Task An_amendment_writes_exactly_its_diff_new_versions_retirements_and_moves_and_leaves_unchanged_units_untouched()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var first = await EnactThenAmendTextAsync(harness);
        var r1 = first.RunId;
        var before = (await UnitRowsOfRunAsync(harness, r1)).Split(" | ");

        var paused = await harness.CutTargetAsync();

        Assert.Equal(RunStatus.AwaitingSg1, paused.Status);
        Assert.StartsWith("sha256:amendment-v1:", paused.PayloadSha, StringComparison.Ordinal);
        Assert.StartsWith("sha256:enacted-v1:", paused.EnactedSha, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["unchanged"] = 43, ["changed"] = 4, ["added"] = 2, ["removed"] = 1, ["moved"] = 3 }, paused.AmendmentCounts);
        Assert.Equal(52, paused.CandidateCount);
        var request = System.Text.Encoding.UTF8.GetString((await harness.Services.Kb.GetAsync(KbDocId.Parse(paused.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId))).Raw);
        Assert.Contains("43 unchanged, 4 changed, 2 added, 1 removed, 3 moved", request, StringComparison.Ordinal);
        Assert.Contains($"- moved `{Art}11` <- `{Art}10`", request, StringComparison.Ordinal);
        Assert.Contains("        1. The Board consists of seven persons elected by the Assembly for two years.", request, StringComparison.Ordinal);
        Assert.Contains(paused.PayloadSha!, request, StringComparison.Ordinal);

        var done = await ThroughBothGatesAsync(harness, paused);

        Assert.Equal(RunStatus.CloseoutReported, done.Status);
        var r2 = done.RunId;
        Assert.Equal(Lines($"{r1} initial -", $"{r2} amendment {paused.EnactedSha}"),
            await RowsAsync(harness, "SELECT run_id || ' ' || kind || ' ' || coalesce(enacted_sha, '-') FROM cutter_governance.run_kind"));
        Assert.Equal(paused.PayloadSha, await Sql.ScalarAsync<string>(harness.Owner, $"SELECT payload_sha FROM cutter_governance.run WHERE run_id = '{r2}'"));
        // New units: added and moved, enacted; a moved one succeeds the unit whose text it carries on.
        Assert.Equal(Lines("part-1/ch-2/art-3/cl-4 enacted -", $"{Art}10 enacted -", $"{Art}10/cl-1 enacted {Art}9/cl-1", $"{Art}10/cl-2 enacted {Art}9/cl-2", $"{Art}11 enacted {Art}10"),
            await RowsAsync(harness, $"""
                SELECT u.address || ' ' || u.lifecycle_state || ' ' || coalesce(s.address || CASE WHEN s.run_id = '{r1}' THEN '' ELSE ' (not run 1!)' END, '-')
                FROM cutter_core.information_unit u LEFT JOIN cutter_core.information_unit s ON s.iu_id = u.succeeds_iu_id WHERE u.run_id = '{r2}'
                """));
        // Retired: the removed preamble and the origins of the moves, never deleted.
        Assert.Equal(Lines("preamble", $"{Art}10", $"{Art}9/cl-1", $"{Art}9/cl-2"),
            await RowsAsync(harness, $"SELECT address FROM cutter_core.information_unit WHERE lifecycle_state = 'retired' AND retired_run_id = '{r2}' AND run_id = '{r1}'"));
        // Versions: version 1 of each new unit, version 2 of each changed one (with its own heading), the previous one superseded.
        Assert.Equal(Lines("part-1/ch-1/art-1 v2 Article 1. Name", "part-1/ch-2/art-3/cl-2 v2 2.", "part-1/ch-2/art-3/cl-4 v1 -", "part-2/ch-4/art-7/cl-1 v2 1.",
                $"{Art}10 v1 -", $"{Art}10/cl-1 v1 -", $"{Art}10/cl-2 v1 -", $"{Art}11 v1 -", $"{Art}9 v2 Article 9. Dissolution"),
            await RowsAsync(harness, $"""
                SELECT u.address || ' v' || v.version_no || ' ' || coalesce(v.heading, '-')
                FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id WHERE v.run_id = '{r2}'
                """));
        Assert.Equal(Lines("part-1/ch-1/art-1 v1", "part-1/ch-2/art-3/cl-2 v1", "part-2/ch-4/art-7/cl-1 v1", $"{Art}9 v1"),
            await RowsAsync(harness, $"""
                SELECT u.address || ' v' || v.version_no FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
                WHERE v.superseded_run_id = '{r2}'
                """));
        // One lifecycle row per transition, all under the SG_2 decision of run 2.
        Assert.Equal(Lines("part-1/ch-1/art-1 enacted@v1 enacted@v2", "part-1/ch-2/art-3/cl-2 enacted@v1 enacted@v2", "part-1/ch-2/art-3/cl-4 draft enacted",
                "part-2/ch-4/art-7/cl-1 enacted@v1 enacted@v2", $"{Art}10 draft enacted", $"{Art}10 enacted retired", $"{Art}10/cl-1 draft enacted", $"{Art}10/cl-2 draft enacted",
                $"{Art}11 draft enacted", $"{Art}9 enacted@v1 enacted@v2", $"{Art}9/cl-1 enacted retired", $"{Art}9/cl-2 enacted retired", "preamble enacted retired"),
            await RowsAsync(harness, $"""
                SELECT u.address || ' ' || l.from_state || ' ' || l.to_state
                FROM cutter_core.lifecycle_log l JOIN cutter_core.information_unit u ON u.iu_id = l.iu_id
                JOIN cutter_governance.review_decision d ON d.review_decision_id = l.review_decision_id AND d.gate = 'SG_2_lifecycle_authz' AND d.run_id = '{r2}'
                WHERE l.run_id = '{r2}'
                """));
        Assert.Equal(52L, await Sql.ScalarAsync<long>(harness.Owner,
            "SELECT count(*) FROM cutter_core.information_unit u JOIN cutter_core.document d USING (document_id) WHERE d.code = 'ICX-CHARTER-2026' AND u.lifecycle_state = 'enacted'"));

        // The 43 unchanged units of run 1: the very same unit and version rows (same xmin), hashes and state.
        var touched = new[] { "preamble", "part-1/ch-1/art-1", "part-1/ch-2/art-3/cl-2", "part-2/ch-4/art-7/cl-1", Art + "9", Art + "9/cl-1", Art + "9/cl-2", Art + "10" };
        var after = (await UnitRowsOfRunAsync(harness, r1)).Split(" | ");
        var unchangedBefore = before.Where(line => !touched.Contains(line.Split(' ')[0])).ToArray();
        Assert.Equal(43, unchangedBefore.Length);
        Assert.All(unchangedBefore, line => Assert.Contains(line, after));
        Assert.Equal(51, after.Length);

        // The enacted state is now the amended text: the same text again has nothing to amend.
        var again = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());
        Assert.Equal(StopCodes.CutPlanInvalid, again.Code);
        Assert.Contains("there is nothing to amend", again.Detail, StringComparison.Ordinal);

        // The transparency log covers the amendment (run_kind rows included) and recomputes from the raw rows.
        await using var connection = new NpgsqlConnection(harness.Owner);
        await connection.OpenAsync();
        Assert.Null((await ChainVerifier.VerifyAsync(connection, null)).FirstBreak);
    }

    [Fact]
    public async Task An_enacted_state_changed_after_the_plan_stops_the_amendment_before_anything_is_enacted()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await EnactThenAmendTextAsync(harness);
        var atSg2 = await harness.RunToSg2AsyncFrom(await harness.CutTargetAsync());
        var sg2 = await harness.ApproveAsync(atSg2.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId);
        // A hand edit by the owner, guards disabled, of an unchanged unit's current text.
        await Sql.ExecAsync(harness.Owner, """
            ALTER TABLE cutter_core.unit_version DISABLE TRIGGER USER;
            UPDATE cutter_core.unit_version v SET content = content || ' (edited)', content_sha256 = encode(sha256(convert_to(content || ' (edited)', 'UTF8')), 'hex')
            FROM cutter_core.information_unit u WHERE u.iu_id = v.iu_id AND u.address = 'part-1/ch-1/art-2/cl-1';
            ALTER TABLE cutter_core.unit_version ENABLE TRIGGER USER;
            """);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(RunId.Parse(atSg2.RunId), sg2));

        Assert.Equal(StopCodes.EnactedStateDrift, stop.Code);
        Assert.Contains(atSg2.EnactedSha!, stop.Detail, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = '{atSg2.RunId}'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_core.information_unit WHERE lifecycle_state = 'retired'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(harness.Owner, "SELECT count(*) FROM cutter_core.unit_version WHERE superseded_run_id IS NOT NULL"));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(harness.Owner, $"SELECT count(*) FROM cutter_core.information_unit WHERE run_id = '{atSg2.RunId}' AND lifecycle_state = 'draft'"));
    }

    [Fact]
    public async Task An_approval_of_another_diff_is_refused_for_this_amendment()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await EnactThenAmendTextAsync(harness);
        var paused = await harness.CutTargetAsync();
        var runId = RunId.Parse(paused.RunId);

        // Another amendment of the same enacted state: the amended text with one more change.
        var otherText = (await File.ReadAllTextAsync(TargetPath(harness))).Replace("seated where its Assembly decides", "seated in Geneva", StringComparison.Ordinal);
        var otherFolder = Path.Combine(harness.Environment.WorkDir, "other-kb");
        Directory.CreateDirectory(otherFolder);
        await File.WriteAllTextAsync(Path.Combine(otherFolder, SampleRegistry.TargetFileName), otherText);
        var otherPlan = DocumentCutter.Cut(await new FolderKnowledgeBase(otherFolder).GetAsync(SampleRegistry.TargetId), CuttingOptions.Default);
        AmendmentPlan other;
        await using (var connection = new NpgsqlConnection(harness.Owner))
        {
            await connection.OpenAsync();
            var document = (await RunStore.FindDocumentAsync(connection, null, otherPlan.DocumentCode, CancellationToken.None))!.Value;
            other = AmendmentPlan.Make(otherPlan, await AmendmentStore.ReadEnactedAsync(connection, null, document.DocumentId, CancellationToken.None));
        }
        Assert.Equal(paused.EnactedSha, other.EnactedSha.ToString());
        Assert.NotEqual(paused.PayloadSha, other.DiffSha.ToString());
        var forgedRequest = ApprovalRequest.ForCut(runId, other.DiffSha, otherPlan.CandidateCount, otherPlan.DocumentCode, "# the other diff\n");
        var forgedRequestId = await harness.Services.Kb.CreateAsync(forgedRequest.ToBytes(), "other-diff-request");
        var otherApproval = await harness.ApproveAsync(forgedRequestId.Value);
        var ruling = await harness.ApproveAsync(paused.RulingRequestKbId);
        var before = await harness.TableHashesAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.Runner.ResumeAsync(runId, otherApproval, ruling));

        Assert.Equal(StopCodes.ApprovalWrongPayload, stop.Code);
        Assert.Equal(RunStatus.AwaitingSg1, harness.Runner.Status(runId).Status);
        Assert.Equal(before, await harness.TableHashesAsync());
    }

    [Fact]
    public async Task Draft_rows_no_finished_run_accounts_for_stop_the_run_at_phase_3()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        var dead = Guid.NewGuid();
        // A run that wrote a draft and was then abandoned without being compensated.
        await Sql.ExecAsync(harness.Owner, $"""
            INSERT INTO cutter_core.document (kb_id, code, title) VALUES ('{SampleRegistry.TargetId}', 'ICX-CHARTER-2026', 'Charter');
            SELECT cutter_governance.run_create('{dead}', (SELECT document_id FROM cutter_core.document WHERE code = 'ICX-CHARTER-2026'), 'simulate', 'tester', repeat('a', 64), 1, now(), 'initial', NULL);
            SELECT cutter_governance.flag_raise('{dead}', 'simulation');
            INSERT INTO cutter_core.information_unit (document_id, address, ordinal, kind, lifecycle_state, run_id)
            SELECT document_id, 'text-1', 1, 'text', 'draft', '{dead}' FROM cutter_core.document WHERE code = 'ICX-CHARTER-2026';
            SELECT cutter_governance.flag_lower('{dead}');
            UPDATE cutter_governance.run SET state = 'abandoned' WHERE run_id = '{dead}';
            """);

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.TargetNotEmpty, stop.Code);
        Assert.Equal(3, stop.Phase);
        Assert.StartsWith("ICX-CHARTER-2026 holds 1 draft units and 0 unenacted versions of enacted units", stop.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_amendment_of_a_document_held_by_a_paused_amendment_is_refused()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await EnactThenAmendTextAsync(harness);
        var paused = await harness.CutTargetAsync();

        var stop = await Assert.ThrowsAsync<StopException>(() => harness.CutTargetAsync());

        Assert.Equal(StopCodes.DocumentLocked, stop.Code);
        Assert.Equal($"KB-2186 is held by an unfinished live run: {paused.RunId} (awaiting_SG_1)", stop.Detail);
    }

    [Fact]
    public async Task A_simulated_amendment_reports_what_it_would_write_and_leaves_the_store_byte_identical()
    {
        await using var harness = await RunnerHarness.CreateAsync(postgres);
        await EnactThenAmendTextAsync(harness);
        var before = await harness.TableHashesAsync();

        var state = await harness.CutTargetAsync(RunMode.Simulate);

        Assert.Equal(RunStatus.Simulated, state.Status);
        // 5 new units, 9 versions (5 new, 4 changed), 13 lifecycle rows (4 retired, 4 new versions, 5 enacted), SG_1 and SG_2.
        Assert.Equal(new SimulationRecord(5, 9, 13, 2), state.Simulation);
        Assert.Equal(before, await harness.TableHashesAsync());
    }
}
