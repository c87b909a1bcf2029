using System.Text.Json.Nodes;
using Cutter.Domain.Hashing;
using Cutter.Store;
using Cutter.Verification;
using Npgsql;
using Xunit;

namespace Cutter.Tests.Verification;

/// <summary>
/// A run recorded before footprint-v2 existed (and before hashes carried tags) still verifies with this Cutter, whose
/// current footprint form is v2: every recorded hash is checked in the form it was made in, never re-hashed in the
/// new one. Each test rewrites a private copy's records the way the older Cutter wrote them.
/// </summary>
[Collection(RehearsedRunCollection.Name)]
public sealed class HashFormUpgradeTests(RehearsedRunFixture run)
{
    private const string NonTargetKbId = "KB-2001";

    [Fact]
    public async Task A_run_recorded_in_v1_forms_without_tags_passes_every_check_after_footprint_v2_is_introduced()
    {
        await using var copy = await run.CopyAsync();
        var v1 = await FootprintsAsync(copy, HashForms.FootprintV1);
        var v2 = await FootprintsAsync(copy, HashForms.FootprintV2);
        Assert.NotEqual(v1[NonTargetKbId].Hex, v2[NonTargetKbId].Hex);
        RecordAsTheOlderCutterDid(copy, v1);
        var legacyPin = GrantMatrix.ParsePin(copy.Settings.ExpectedGrantMatrixSha).Hex;
        copy.Settings.ExpectedGrantMatrixSha = legacyPin;

        var report = await copy.VerifyAsync();

        Assert.True(report.Passed, RunCopy.Describe(report));
        Assert.Equal(HashForms.FootprintV2, HashForms.Footprint);
        Assert.EndsWith("counts and content hashes unchanged (sha256:footprint-v1)", report.Check(VerificationChecks.NonTargetDocuments).Actual, StringComparison.Ordinal);
        Assert.Equal($"sha256:grants-v1:{legacyPin}", report.Check(VerificationChecks.GrantMatrix).Expected);
        Assert.Equal($"sha256:grants-v1:{legacyPin}", report.Check(VerificationChecks.GrantMatrix).Actual);
    }

    [Fact]
    public async Task A_v1_record_still_catches_a_changed_non_target_document()
    {
        await using var copy = await run.CopyAsync();
        RecordAsTheOlderCutterDid(copy, await FootprintsAsync(copy, HashForms.FootprintV1));
        await copy.AsOwnerAsync("""
            ALTER TABLE cutter_core.unit_version DISABLE TRIGGER USER;
            UPDATE cutter_core.unit_version SET content = content || ' (amended)', content_sha256 = encode(sha256(convert_to(content || ' (amended)', 'UTF8')), 'hex')
            WHERE uv_id = (SELECT v.uv_id FROM cutter_core.unit_version v JOIN cutter_core.information_unit u ON u.iu_id = v.iu_id
                           JOIN cutter_core.document d ON d.document_id = u.document_id WHERE d.kb_id = 'KB-2001' ORDER BY u.ordinal LIMIT 1);
            ALTER TABLE cutter_core.unit_version ENABLE TRIGGER USER;
            """);

        var report = await copy.VerifyAsync();

        var failed = Assert.Single(report.Failures);
        Assert.Equal(VerificationChecks.NonTargetDocuments, failed.Name);
        Assert.StartsWith($"{NonTargetKbId} (ICX-CONST): content sha256:footprint-v1 ", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_mixing_two_forms_is_refused_rather_than_reported_as_changed_documents()
    {
        await using var copy = await run.CopyAsync();
        var v1 = await FootprintsAsync(copy, HashForms.FootprintV1);
        copy.EditState(state =>
        {
            // One document recorded in v1 among v2 ones: no comparison can be fair, so none is made.
            var document = state["pre_run_snapshot"]!["documents"]!.AsArray().First(d => (string?)d!["kb_id"] == NonTargetKbId)!;
            document["content_sha256"] = v1[NonTargetKbId].ToString();
        });

        var report = await copy.VerifyAsync();

        var failed = Assert.Single(report.Failures);
        Assert.Equal(VerificationChecks.NonTargetDocuments, failed.Name);
        Assert.StartsWith("the check could not run: pre-run snapshot: refusing to compare a sha256:footprint-v", failed.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_in_a_form_this_Cutter_does_not_compute_fails_naming_the_form()
    {
        await using var copy = await run.CopyAsync();
        var v2 = await FootprintsAsync(copy, HashForms.FootprintV2);
        copy.EditState(state =>
        {
            foreach (var document in state["pre_run_snapshot"]!["documents"]!.AsArray())
            {
                document!["content_sha256"] = $"sha256:footprint-v9:{v2[(string)document["kb_id"]!].Hex}";
            }
        });

        var report = await copy.VerifyAsync();

        var failed = Assert.Single(report.Failures);
        Assert.Equal(VerificationChecks.NonTargetDocuments, failed.Name);
        Assert.Equal("the check could not run: recorded footprint: it was made in sha256:footprint-v9, which this Cutter does not compute (it knows sha256:footprint-v1, sha256:footprint-v2); use the Cutter release that recorded it", failed.Actual);
    }

    /// <summary>
    /// state.json as a Cutter before hash tags wrote it: schema_version 1, untagged payload, backup and footprint
    /// hashes, the footprints in the only form it had (v1).
    /// </summary>
    private static void RecordAsTheOlderCutterDid(RunCopy copy, IReadOnlyDictionary<string, VersionedHash> v1) => copy.EditState(state =>
    {
        state["schema_version"] = 1;
        state["payload_sha"] = VersionedHash.Parse((string?)state["payload_sha"], "payload", "payload_sha").Hex;
        state["backup"]!["sha256"] = VersionedHash.Parse((string?)state["backup"]!["sha256"], "bytes", "backup sha").Hex;
        foreach (var document in state["pre_run_snapshot"]!["documents"]!.AsArray())
        {
            var kbId = (string)document!["kb_id"]!;
            // The target was empty before the run; the others are as they are now (the run did not touch them).
            document["content_sha256"] = (long)document["units"]! == 0 ? VersionedHash.Of(HashForms.FootprintV1, "").Hex : v1[kbId].Hex;
        }
    });

    private static async Task<IReadOnlyDictionary<string, VersionedHash>> FootprintsAsync(RunCopy copy, HashForm form)
    {
        await using var connection = new NpgsqlConnection(copy.VerifyConnectionString);
        await connection.OpenAsync();
        return (await DocumentSurvey.ReadAsync(connection, form)).ToDictionary(f => f.KbId, f => f.ContentHash, StringComparer.Ordinal);
    }
}
