using Cutter.Rehearsal;
using Cutter.Tests.Support;
using Cutter.Verification;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// Issue 16's tamper suite, for the verifier's half: each test hands a private copy of a store holding three finished
/// runs (<see cref="FinishedRunsFixture"/>: two of them reverted under SG_3) to a
/// NOSUPERUSER role that owns the governed schemas (as on a production install), tampers as that role (or with file
/// access to the sidecar), and asserts that verification fails on the check named for it, naming what moved. The
/// first test shows the hand-over itself changes nothing: a clean store owned by that role passes every check.
/// </summary>
[Collection(FinishedRunsCollection.Name)]
public sealed class TamperTests(FinishedRunsFixture run)
{
    private const string FirstTargetVersion = "(SELECT min(uv_id) FROM cutter_core.unit_version WHERE run_id = @run_id)";

    private static readonly string[] UnitVersionGuards = ["unit_version_immutable", "unit_version_requires_flag"];

    [Fact]
    public async Task Clean_store_owned_by_a_nosuperuser_role_passes_every_check()
    {
        await using var copy = await OwnedCopyAsync();
        Assert.False(await Sql.ScalarAsync<bool>(copy.OwnerConnectionString, $"SELECT rolsuper FROM pg_roles WHERE rolname = '{copy.SchemaOwnerRole}'"));

        var report = await copy.VerifyAsync();
        Assert.True(report.Passed, RunCopy.Describe(report));
        Assert.Matches("^sha256:schema-v1:[0-9a-f]{64} \\([0-9]+ lines\\)$", report.Check(VerificationChecks.SchemaPin).Actual);
        Assert.Equal("none", report.Check(VerificationChecks.NoRowSecurity).Actual);
        Assert.Matches("^51 target versions re-hash to their content_sha256; rebuilt payload sha256:payload-v1:[0-9a-f]{64} = state.json = SG_1 decision$",
            report.Check(VerificationChecks.TargetContent).Actual);
    }

    [Fact]
    public async Task Target_text_edited_without_its_sha_is_named_by_target_text_matches_approved_payload()
    {
        await using var copy = await OwnedCopyAsync();
        var address = await TargetAddressAsync(copy);
        await copy.AsSchemaOwnerAsync(BrokenRunTests.WithTriggersOff("cutter_core.unit_version", UnitVersionGuards,
            $"UPDATE cutter_core.unit_version SET content = content || ' (quietly amended)' WHERE uv_id = {FirstTargetVersion}"), ("run_id", copy.RunId.Value));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.TargetContent);
        Assert.StartsWith($"1 target version(s) whose text no longer hashes to content_sha256: {address}; the payload rebuilt from the stored rows is sha256:payload-v1:", failed.Actual);
    }

    [Fact]
    public async Task Target_text_edited_with_a_recomputed_sha_is_named_by_target_text_matches_approved_payload()
    {
        await using var copy = await OwnedCopyAsync();
        await copy.AsSchemaOwnerAsync(BrokenRunTests.WithTriggersOff("cutter_core.unit_version", UnitVersionGuards,
            $"""
            UPDATE cutter_core.unit_version
            SET content = content || ' (amended)', content_sha256 = encode(sha256(convert_to(content || ' (amended)', 'UTF8')), 'hex')
            WHERE uv_id = {FirstTargetVersion}
            """), ("run_id", copy.RunId.Value));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.TargetContent);
        Assert.Matches($"^the payload rebuilt from the stored rows is sha256:payload-v1:[0-9a-f]{{64}}, not the approved {copy.Sidecar.Load(copy.RunId).PayloadSha}; "
            + "the payload rebuilt from the stored rows is sha256:payload-v1:[0-9a-f]{64}, the SG_1 decision binds ", failed.Actual);
    }

    [Fact]
    public async Task Replaced_content_hash_function_does_not_hide_an_edited_text_and_is_named_by_the_schema_pin()
    {
        await using var copy = await OwnedCopyAsync();
        // The owner makes the store's re-hash return every stored sha, then edits a non-target text under its sha.
        await copy.AsSchemaOwnerAsync("""
            CREATE OR REPLACE FUNCTION cutter_core.content_hash(form text, content text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT v.content_sha256 FROM cutter_core.unit_version v WHERE v.content = $2 LIMIT 1 $$
            """);
        await copy.AsSchemaOwnerAsync(BrokenRunTests.WithTriggersOff("cutter_core.unit_version", UnitVersionGuards,
            $"UPDATE cutter_core.unit_version SET content = content || ' (amended)' WHERE uv_id = ({BrokenRunTests.FirstVersionOfNonTarget})"));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.SchemaPin, VerificationChecks.NonTargetDocuments);
        Assert.Contains("- function|cutter_core.content_hash(form text, content text)|", failed.Actual);
        Assert.Contains("+ function|cutter_core.content_hash(form text, content text)|", failed.Actual);
        Assert.Equal("KB-2001 (ICX-CONST): 1 unit version(s) whose text no longer hashes to content_sha256",
            (await copy.VerifyAsync()).Check(VerificationChecks.NonTargetDocuments).Actual);
    }

    [Theory]
    [InlineData("cutter_core.lifecycle_row_text(cutter_core.lifecycle_log)", "function|cutter_core.lifecycle_row_text(r cutter_core.lifecycle_log)|")]
    [InlineData("cutter_governance.chain_hash(text, text)", "function|cutter_governance.chain_hash(row_text text, prev_hash text)|")]
    [InlineData("cutter_governance.log_leaf(text, bigint, bigint, text)", "function|cutter_governance.log_leaf(p_table text, p_entry_seq bigint, p_count bigint, p_lines text)|")]
    [InlineData("cutter_governance.log_lifecycle_insert()", "function|cutter_governance.log_lifecycle_insert()|")]
    public async Task Row_text_or_chain_function_replaced_with_one_giving_the_same_answers_is_named_by_the_schema_pin(string function, string line)
    {
        await using var copy = await OwnedCopyAsync();
        // The same definition with a comment added: it returns exactly what the verifier expects, and is still another function.
        var definition = await Sql.ScalarAsync<string>(copy.OwnerConnectionString, $"SELECT pg_get_functiondef('{function}'::regprocedure)");
        var replaced = definition.Replace("AS $function$", "AS $function$\n-- replaced by the owner\n", StringComparison.Ordinal);
        Assert.NotEqual(definition, replaced);
        await copy.AsSchemaOwnerAsync(replaced);

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.SchemaPin);
        Assert.Contains("- " + line, failed.Actual);
        Assert.Contains("+ " + line, failed.Actual);
    }

    [Fact]
    public async Task Guard_function_replaced_while_its_trigger_stays_enabled_is_named_by_the_schema_pin()
    {
        await using var copy = await OwnedCopyAsync();
        await copy.AsSchemaOwnerAsync("""
            CREATE OR REPLACE FUNCTION cutter_core.guard_unit_version() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RETURN coalesce(NEW, OLD); END $$
            """);

        // The trigger is still there and enabled, so the old trigger check passes; the pin names the function and its trigger.
        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.SchemaPin);
        Assert.Contains("+ function|cutter_core.guard_unit_version()|", failed.Actual);
        Assert.Contains("+ trigger|cutter_core.unit_version|unit_version_immutable|enabled=O|", failed.Actual);
    }

    [Fact]
    public async Task Row_security_policy_hiding_a_decision_from_the_verify_lane_is_named()
    {
        await using var copy = await OwnedCopyAsync();
        await copy.AsSchemaOwnerAsync("""
            ALTER TABLE cutter_governance.review_decision ENABLE ROW LEVEL SECURITY;
            CREATE POLICY hide_sg2 ON cutter_governance.review_decision FOR SELECT USING (gate <> 'SG_2_lifecycle_authz')
            """);

        var report = await copy.VerifyAsync();
        Assert.False(report.Passed);
        Assert.Equal("cutter_governance.review_decision: row security enabled, policies hide_sg2", report.Check(VerificationChecks.NoRowSecurity).Actual);
        var pin = report.Check(VerificationChecks.SchemaPin);
        Assert.False(pin.Passed);
        Assert.Contains("+ policy|cutter_governance.review_decision|hide_sg2|cmd=r|permissive=True|roles=PUBLIC|def=", pin.Actual, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("+ relation|r|cutter_governance.review_decision|owner=schema_owner|rls=True|force_rls=False", pin.Actual, StringComparison.OrdinalIgnoreCase);
        // What the policy hid is missed by the checks that count decisions too.
        Assert.Contains("1 decisions for the run", report.Check(VerificationChecks.ReviewDecisions).Actual);
    }

    [Fact]
    public async Task Grant_to_a_role_outside_the_lanes_is_named_by_the_schema_pin_alone()
    {
        await using var copy = await OwnedCopyAsync();
        var outsider = "outsider_" + copy.SchemaOwnerRole["owner_".Length..];
        await copy.AsOwnerAsync($"CREATE ROLE {outsider} NOLOGIN");
        try
        {
            await copy.AsSchemaOwnerAsync($"GRANT SELECT, UPDATE ON cutter_core.unit_version TO {outsider}");

            // The grant matrix covers only the lanes: the schema pin is what sees this.
            var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.SchemaPin);
            Assert.Contains($"+ grant|relation|cutter_core.unit_version|{outsider}|SELECT|grantable=false", failed.Actual);
            Assert.Contains($"+ grant|relation|cutter_core.unit_version|{outsider}|UPDATE|grantable=false", failed.Actual);
        }
        finally
        {
            await copy.AsOwnerAsync($"REVOKE ALL ON ALL TABLES IN SCHEMA cutter_core FROM {outsider}; DROP ROLE {outsider}");
        }
    }

    [Fact]
    public async Task Deleted_flag_row_is_a_failed_check_not_a_crash()
    {
        await using var copy = await OwnedCopyAsync();
        await copy.AsSchemaOwnerAsync("DELETE FROM cutter_governance.execution_flag");

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.ExecutionFlag);
        Assert.Equal($"no execution_flag row for run {copy.RunId} in cutter_governance.execution_flag: the record of the run's kill switch is gone", failed.Actual);
    }

    [Theory]
    [InlineData("DROP TABLE cutter_core.unit_version CASCADE", VerificationChecks.TargetContent)]
    [InlineData("DROP FUNCTION cutter_core.content_hash(text, text)", VerificationChecks.SchemaPin)]
    [InlineData("REVOKE SELECT ON cutter_core.unit_version FROM cutter_verify", VerificationChecks.NonTargetDocuments)]
    [InlineData("DROP TABLE cutter_governance.phase_ledger CASCADE", VerificationChecks.AllPhasesPassed)]
    public async Task Damaged_store_yields_failed_checks_by_name_never_an_exception(string damage, string namedCheck)
    {
        await using var copy = await OwnedCopyAsync();
        await copy.AsSchemaOwnerAsync(damage);

        var report = await copy.VerifyAsync();
        Assert.False(report.Passed);
        Assert.False(report.Check(namedCheck).Passed, RunCopy.Describe(report));
        Assert.False(report.Check(VerificationChecks.SchemaPin).Passed);
        Assert.All(report.Failures.Where(f => f.Name != VerificationChecks.SchemaPin), f => Assert.NotEmpty(f.Actual));
    }

    [Fact]
    public async Task Every_verification_writes_a_new_numbered_report_naming_the_previous_one()
    {
        await using var copy = await OwnedCopyAsync();
        var first = await copy.VerifyAndWriteAsync();
        var firstBytes = await File.ReadAllBytesAsync(first.Artifacts.ReportPath);
        var second = await copy.VerifyAndWriteAsync();

        Assert.True(second.Report.Passed, RunCopy.Describe(second.Report));
        Assert.Equal(["verification-report-0001.json", "verification-report-0002.json"], new[] { first, second }.Select(o => Path.GetFileName(o.Artifacts.ReportPath)));
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(first.Artifacts.ReportPath));
        Assert.Null(first.Report.PreviousReport);
        Assert.Equal(new ReportPrevious("verification-report-0001.json", VerificationReportWriter.ShaOf(firstBytes).ToString()), second.Report.PreviousReport);
        Assert.Equal("1 earlier report(s) intact: verification-report-0001.json", second.Report.Check(VerificationChecks.ReportHistory).Actual);
    }

    [Fact]
    public async Task Earlier_report_re_signed_with_a_foreign_key_is_named_and_kept()
    {
        await using var copy = await OwnedCopyAsync();
        var first = await copy.VerifyAndWriteAsync();
        var foreign = await ThrowawaySshKey.CreateAsync(Path.Combine(copy.Settings.SidecarRoot, "..", "foreign-" + copy.SchemaOwnerRole), "intruder@elsewhere");
        var bytes = await File.ReadAllBytesAsync(first.Artifacts.ReportPath);
        var resigned = Cutter.Governance.Signatures.SshSigningKey.Load(foreign.PrivateKeyPath).Sign(bytes, VerificationReport.SignatureNamespace).ToArmored();
        await File.WriteAllTextAsync(first.Artifacts.SignaturePath, resigned);

        var second = await copy.VerifyAndWriteAsync();
        var failed = second.Report.Check(VerificationChecks.ReportHistory);
        Assert.False(failed.Passed);
        Assert.StartsWith("verification-report-0001.json: signature does not verify against allowed_signers: key SHA256:", failed.Actual);
        Assert.Equal([VerificationChecks.ReportHistory], second.Report.Failures.Select(f => f.Name));
        Assert.Equal("verification-report-0002.json", Path.GetFileName(second.Artifacts.ReportPath));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(first.Artifacts.ReportPath));
    }

    [Fact]
    public async Task Earlier_report_overwritten_and_re_signed_with_the_verifier_key_is_named_by_its_successor()
    {
        await using var copy = await OwnedCopyAsync();
        var first = await copy.VerifyAndWriteAsync();
        await copy.VerifyAndWriteAsync();
        // Someone holding the verifier's key rewrites report 1 (a FAILED one made to read PASSED, say) and signs it again.
        var forged = (await File.ReadAllTextAsync(first.Artifacts.ReportPath)).Replace("\"finished_utc\": \"", "\"finished_utc\": \"1", StringComparison.Ordinal);
        var forgedBytes = System.Text.Encoding.UTF8.GetBytes(forged);
        await File.WriteAllBytesAsync(first.Artifacts.ReportPath, forgedBytes);
        var verifierKey = Cutter.Governance.Signatures.SshSigningKey.Load(copy.Settings.VerifierKey);
        await File.WriteAllTextAsync(first.Artifacts.SignaturePath, verifierKey.Sign(forgedBytes, VerificationReport.SignatureNamespace).ToArmored());

        var third = await copy.VerifyAndWriteAsync();
        var failed = third.Report.Check(VerificationChecks.ReportHistory);
        Assert.False(failed.Passed);
        Assert.StartsWith("verification-report-0002.json: records verification-report-0001.json as sha256:bytes-v1:", failed.Actual);
        Assert.EndsWith($"but verification-report-0001.json is now {VerificationReportWriter.ShaOf(forgedBytes)} (an earlier report was replaced)", failed.Actual);
        Assert.Equal("verification-report-0003.json", Path.GetFileName(third.Artifacts.ReportPath));
    }

    [Fact]
    public async Task Removed_earlier_report_is_named()
    {
        await using var copy = await OwnedCopyAsync();
        var first = await copy.VerifyAndWriteAsync();
        await copy.VerifyAndWriteAsync();
        File.Delete(first.Artifacts.ReportPath);
        File.Delete(first.Artifacts.SignaturePath);

        var third = await copy.VerifyAndWriteAsync();
        Assert.Equal("verification-report-0001.json is missing (the next present is verification-report-0002.json); verification-report-0002.json: names a previous report verification-report-0001.json that is not there",
            third.Report.Check(VerificationChecks.ReportHistory).Actual);
    }

    [Fact]
    public async Task State_json_signer_edit_is_named_against_the_review_decision_and_the_closeout_doc()
    {
        await using var copy = await OwnedCopyAsync();
        copy.EditState(state => state["gates"]!["SG_2_lifecycle_authz"]!["signer"] = "someone@else");

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.StateCrossCheck);
        Assert.StartsWith($"SG_2_lifecycle_authz: state.json signer someone@else, review_decision signer {RehearsalEnvironment.ApproverPrincipal}; closeout summary sha recomputed from state.json is ", failed.Actual);
    }

    [Fact]
    public async Task State_json_rows_written_edit_is_named_against_the_phase_ledger()
    {
        await using var copy = await OwnedCopyAsync();
        copy.EditState(state => state["phases"]![9]!["rows_written"] = 7);

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.StateCrossCheck);
        Assert.Matches("^phase 10 [a-z_]+: state.json rows_written 7, phase_ledger [0-9]+; closeout summary sha recomputed", failed.Actual);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("bytes")]
    public async Task State_json_backup_field_edit_is_named_against_the_backup_file(string field)
    {
        await using var copy = await OwnedCopyAsync();
        copy.EditState(state => state["backup"]![field] = field == "bytes"
            ? System.Text.Json.Nodes.JsonValue.Create(12345L)
            : System.Text.Json.Nodes.JsonValue.Create("sha256:bytes-v1:" + new string('0', 64)));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.StateCrossCheck);
        Assert.Matches(field == "bytes" ? "^backup .+: state.json bytes 12345, the file has [0-9]+$" : "^backup .+: state.json sha256 sha256:bytes-v1:0{64}, the file is sha256:bytes-v1:[0-9a-f]{64}$", failed.Actual);
    }

    [Fact]
    public async Task State_json_closeout_summary_sha_edit_is_named()
    {
        await using var copy = await OwnedCopyAsync();
        copy.EditState(state => state["closeout_summary_sha"] = new string('a', 64));

        var failed = await BrokenRunTests.FailsOnlyAsync(copy, VerificationChecks.StateCrossCheck);
        Assert.Matches($"^closeout summary sha recomputed from state.json is [0-9a-f]{{64}}, state.json records {new string('a', 64)}$", failed.Actual);
    }

    private async Task<RunCopy> OwnedCopyAsync()
    {
        var copy = await run.CopyAsync();
        await copy.HandSchemasToOwnerRoleAsync();
        return copy;
    }

    private static Task<string> TargetAddressAsync(RunCopy copy) =>
        Sql.ScalarAsync<string>(copy.OwnerConnectionString,
            $"SELECT u.address FROM cutter_core.information_unit u JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id WHERE v.uv_id = {FirstTargetVersion}",
            ("run_id", copy.RunId.Value));
}
