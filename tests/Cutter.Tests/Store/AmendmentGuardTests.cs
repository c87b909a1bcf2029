using Cutter.Rehearsal.Disposable;
using Cutter.Store.Audit;
using Cutter.Tests.Support;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Store;

/// <summary>
/// The guards 0011 adds for amendments (docs/amendments.md, "Guards"), for every role including the owner: an enacted
/// unit only retires, a version only gets superseded by a run that wrote a higher version, each under the flag of the
/// run doing it, and run_create records the run's kind only when it fits the document.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class AmendmentGuardTests(PostgresFixture postgres)
{
    private const string Amender = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private const string RaiseAmenderFlag = $"INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES ('{Amender}', true, now())";

    private async Task<StoreDatabase> SeededAsync()
    {
        var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        return store;
    }

    /// <summary>A draft unit 3 ('art-3') of <paramref name="run"/> beside the seed's two units (that run's flag must be on).</summary>
    private static Task InsertThirdDraftAsync(string owner, string run) => Sql.ExecAsync(owner, $"""
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, lifecycle_state, run_id)
        SELECT 3, document_id, 'art-3', 3, 'article', 'draft', '{run}' FROM cutter_core.document
        """);

    [Fact]
    public async Task An_enacted_unit_retires_only_under_the_flag_of_the_retiring_run()
    {
        await using var store = await SeededAsync();
        var owner = store.OwnerConnectionString;
        const string retire = $"UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = '{Amender}' WHERE iu_id = 1";

        Assert.Equal("CT001", (await Sql.FailsAsync(owner, retire)).SqlState);
        await Sql.ExecAsync(owner, RaiseAmenderFlag);
        Assert.Equal(1, await Sql.ExecAsync(owner, retire));
        Assert.Equal($"retired {Amender}", await Sql.ScalarAsync<string>(owner, "SELECT lifecycle_state || ' ' || retired_run_id FROM cutter_core.information_unit WHERE iu_id = 1"));
    }

    /// <summary>
    /// The flag check of an UPDATE (0015's one full join of the old and new rows) for the rows whose run or key changes:
    /// a draft moved to another run needs the flags of both runs, and a draft whose key changes needs its run's flag.
    /// </summary>
    [Fact]
    public async Task A_draft_moved_to_another_run_or_key_needs_the_flag_of_every_run_it_names()
    {
        await using var store = await SeededAsync();
        var owner = store.OwnerConnectionString;
        const string lowerSeedFlag = $"UPDATE cutter_governance.execution_flag SET enabled = false WHERE run_id = '{StoreSeedSql.RunId}'";
        const string move = $"UPDATE cutter_core.information_unit SET run_id = '{Amender}' WHERE iu_id = 2";
        const string rekey = "UPDATE cutter_core.information_unit SET iu_id = 103 WHERE iu_id = 3";
        await InsertThirdDraftAsync(owner, StoreSeedSql.RunId);

        var newRunOff = await Sql.FailsAsync(owner, move);
        Assert.Equal("CT001", newRunOff.SqlState);
        Assert.Contains(Amender, newRunOff.MessageText, StringComparison.Ordinal);

        await Sql.ExecAsync(owner, RaiseAmenderFlag);
        await Sql.ExecAsync(owner, lowerSeedFlag);
        var oldRunOff = await Sql.FailsAsync(owner, move);
        Assert.Equal("CT001", oldRunOff.SqlState);
        Assert.Contains(StoreSeedSql.RunId, oldRunOff.MessageText, StringComparison.Ordinal);
        var keyChanged = await Sql.FailsAsync(owner, rekey);
        Assert.Equal("CT001", keyChanged.SqlState);
        Assert.Contains(StoreSeedSql.RunId, keyChanged.MessageText, StringComparison.Ordinal);

        await Sql.ExecAsync(owner, StoreSeedSql.RaiseFlag);
        Assert.Equal(1, await Sql.ExecAsync(owner, move));
        Assert.Equal(1, await Sql.ExecAsync(owner, rekey));
        Assert.Equal($"{Amender} 103", await Sql.ScalarAsync<string>(owner,
            "SELECT (SELECT run_id::text FROM cutter_core.information_unit WHERE iu_id = 2) || ' ' || (SELECT max(iu_id) FROM cutter_core.information_unit)"));
    }

    /// <summary>
    /// 0017's short cut (every old and new row of one run with one mark: that run's flag alone) and the full join it
    /// stands beside: a statement over the drafts of two runs needs both flags, whichever is off is named; over one
    /// run's drafts, that run's.
    /// </summary>
    [Fact]
    public async Task A_statement_over_the_drafts_of_two_runs_needs_both_flags_and_over_one_run_that_runs()
    {
        await using var store = await SeededAsync();
        var owner = store.OwnerConnectionString;
        await Sql.ExecAsync(owner, RaiseAmenderFlag);
        await InsertThirdDraftAsync(owner, Amender);
        const string renameBoth = "UPDATE cutter_core.information_unit SET heading = 'renamed' WHERE iu_id IN (2, 3)";
        const string renameAmenders = "UPDATE cutter_core.information_unit SET heading = 'renamed' WHERE iu_id = 3";
        string Flag(string run, bool on) => $"UPDATE cutter_governance.execution_flag SET enabled = {(on ? "true" : "false")} WHERE run_id = '{run}'";

        await Sql.ExecAsync(owner, Flag(StoreSeedSql.RunId, on: false));
        var seedOff = await Sql.FailsAsync(owner, renameBoth);
        Assert.Equal($"cutter: UPDATE on cutter_core.information_unit refused: the execution flag is off for run {StoreSeedSql.RunId}", seedOff.MessageText);
        Assert.Equal(1, await Sql.ExecAsync(owner, renameAmenders));

        await Sql.ExecAsync(owner, Flag(StoreSeedSql.RunId, on: true));
        await Sql.ExecAsync(owner, Flag(Amender, on: false));
        var amenderOff = await Sql.FailsAsync(owner, renameBoth);
        Assert.Equal($"cutter: UPDATE on cutter_core.information_unit refused: the execution flag is off for run {Amender}", amenderOff.MessageText);
        Assert.Equal("CT001", (await Sql.FailsAsync(owner, renameAmenders)).SqlState);

        await Sql.ExecAsync(owner, Flag(Amender, on: true));
        Assert.Equal(2, await Sql.ExecAsync(owner, renameBoth));
    }

    [Theory]
    [InlineData($"UPDATE cutter_core.information_unit SET heading = 'renamed' WHERE iu_id = 1")]
    [InlineData($"UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = '{Amender}', heading = 'renamed' WHERE iu_id = 1")]
    [InlineData($"UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = '{StoreSeedSql.RunId}' WHERE iu_id = 1")]
    [InlineData($"UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = '{Amender}' WHERE iu_id = 2")]
    [InlineData($"UPDATE cutter_core.unit_version SET superseded_run_id = '{Amender}' WHERE uv_id = 1")]
    [InlineData($"UPDATE cutter_core.unit_version SET content = 'changed' WHERE uv_id = 1")]
    public async Task Every_other_change_of_a_governed_unit_or_version_is_refused_even_under_the_flag(string statement)
    {
        await using var store = await SeededAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, RaiseAmenderFlag);

        Assert.Equal("CT002", (await Sql.FailsAsync(store.OwnerConnectionString, statement)).SqlState);
    }

    [Fact]
    public async Task A_version_is_superseded_by_the_run_that_wrote_the_next_one_and_neither_mark_is_undone_without_a_revert_authorization()
    {
        await using var store = await SeededAsync();
        var owner = store.OwnerConnectionString;
        await Sql.ExecAsync(owner, RaiseAmenderFlag);
        await Sql.ExecAsync(owner, $"""
            INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id, heading)
            VALUES (3, 1, 2, 'one, amended', repeat('d', 64), '{Amender}', '');
            UPDATE cutter_core.information_unit SET lifecycle_state = 'retired', retired_run_id = '{Amender}' WHERE iu_id = 1;
            """);

        Assert.Equal(1, await Sql.ExecAsync(owner, $"UPDATE cutter_core.unit_version SET superseded_run_id = '{Amender}' WHERE uv_id = 1"));
        Assert.Equal("CT002", (await Sql.FailsAsync(owner, "UPDATE cutter_core.unit_version SET superseded_run_id = NULL WHERE uv_id = 1")).SqlState);
        Assert.Equal("CT002", (await Sql.FailsAsync(owner, "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted', retired_run_id = NULL WHERE iu_id = 1")).SqlState);
        Assert.Equal("CT002", (await Sql.FailsAsync(owner, "DELETE FROM cutter_core.information_unit WHERE iu_id = 1")).SqlState);
        // Version 1 never carries a heading of its own: the unit row's is its heading.
        Assert.Equal("unit_version_placement", (await Sql.FailsAsync(owner, $"""
            INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id, heading) VALUES (4, 1, 1, 'x', repeat('e', 64), '{Amender}', 'x')
            """)).ConstraintName);
    }

    [Fact]
    public async Task Run_create_records_the_kind_only_when_it_fits_the_document_and_the_log_covers_the_kind_row()
    {
        await using var store = await SeededAsync();
        var owner = store.OwnerConnectionString;
        string Create(Guid run, string kind, string enactedSha) =>
            $"SELECT cutter_governance.run_create('{run}', (SELECT document_id FROM cutter_core.document), 'live', 'tester', repeat('a', 64), 1, now(), '{kind}', {enactedSha})";
        var enactedSha = "'sha256:enacted-v1:' || repeat('f', 64)";

        Assert.Equal("CT018", (await Sql.FailsAsync(store.ExecConnectionString, Create(Guid.NewGuid(), "initial", "NULL"))).SqlState);
        Assert.Equal("CT018", (await Sql.FailsAsync(store.ExecConnectionString, Create(Guid.NewGuid(), "amendment", "NULL"))).SqlState);
        Assert.Equal("CT018", (await Sql.FailsAsync(store.ExecConnectionString, Create(Guid.NewGuid(), "rewrite", enactedSha))).SqlState);
        var run = Guid.NewGuid();
        await Sql.ExecAsync(store.ExecConnectionString, Create(run, "amendment", enactedSha));
        Assert.Equal("amendment", await Sql.ScalarAsync<string>(owner, $"SELECT kind FROM cutter_governance.run_kind WHERE run_id = '{run}'"));
        Assert.Equal("CT002", (await Sql.FailsAsync(owner, $"UPDATE cutter_governance.run_kind SET kind = 'initial', enacted_sha = NULL WHERE run_id = '{run}'")).SqlState);

        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        Assert.Empty((await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None)).Findings);
        // The owner, guards disabled, rewrites the kind: the log names the row.
        await Sql.ExecAsync(owner, $"""
            ALTER TABLE cutter_governance.run_kind DISABLE TRIGGER USER;
            UPDATE cutter_governance.run_kind SET kind = 'initial', enacted_sha = NULL WHERE run_id = '{run}';
            ALTER TABLE cutter_governance.run_kind ENABLE TRIGGER USER;
            """);
        var finding = Assert.Single((await TransparencyLogWalk.RunAsync(connection, null, CancellationToken.None)).Findings);
        Assert.Equal(LogFindings.RowAltered, finding.Name);
        Assert.Equal($"cutter_governance.run_kind: run_kind {run}", finding.Where);
    }
}
