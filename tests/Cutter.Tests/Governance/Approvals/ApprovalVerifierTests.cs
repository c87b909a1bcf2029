using Cutter.Domain.Hashing;
using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;
using Cutter.Tests.Governance.Signatures;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Governance.Approvals;

/// <summary>One failing doc per approval check, each asserting the exact STOP code and the check named in the detail.</summary>
public sealed class ApprovalVerifierTests : IClassFixture<ApprovalKeys>
{
    private static readonly DateTimeOffset SignedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RunId Run = RunId.Parse("7d3f8a52-4c1e-4b7a-9a0e-2f5b6c7d8e91");
    private static readonly RunId OtherRun = RunId.Parse("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");
    private static readonly VersionedHash Payload = VersionedHash.Of(HashForms.Payload, "candidate set");
    private static readonly VersionedHash State = VersionedHash.Of(HashForms.Footprint, "state before the escalation");
    private static readonly KbDocId RequestId = KbDocId.Parse("KB-2201");
    private static readonly KbDocId ApprovalId = KbDocId.Parse("KB-2202");

    private readonly ApprovalKeys _keys;
    private readonly InMemoryDecisionRegistry _registry = new();

    public ApprovalVerifierTests(ApprovalKeys keys) => _keys = keys;

    private static ApprovalRequest CutRequest() => ApprovalRequest.ForCut(Run, Payload, 12, DocumentCode.Parse("ICX-CONST"), "writes 12 units");

    private static byte[] Author(ApprovalRequest request, DateTimeOffset? at = null, string signer = ApprovalKeys.Approver) =>
        new ApprovalAuthoring(new FakeTimeProvider(at ?? SignedAt)).Build(request, RequestId, signer, "Reviewed the cut plan.\n");

    private KbDocument Signed(byte[] raw, SshSigningKey? key = null) =>
        new(ApprovalId, new Dictionary<string, string>(), Encoding.UTF8.GetString(raw), raw, ApprovalAuthoring.Sign(raw, key ?? _keys.ApproverKey));

    /// <summary>Rewrites one line of the authored doc and signs the result, so the doc is validly signed but wrong.</summary>
    private KbDocument SignedEdit(byte[] raw, string from, string to)
    {
        var text = Encoding.UTF8.GetString(raw);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Signed(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
    }

    private ApprovalVerifier Verifier(DateTimeOffset now, ApprovalPolicy? policy = null) =>
        new(_keys.AllowedSigners, _registry, new FakeTimeProvider(now), policy);

    private async Task<StopException> Stops(KbDocument? doc, ApprovalExpectation expected, StopCode code, ApprovalCheck check, DateTimeOffset? now = null, ApprovalPolicy? policy = null)
    {
        var ex = await Assert.ThrowsAsync<StopException>(() => Verifier(now ?? SignedAt.AddMinutes(10), policy).VerifyAsync(doc, expected, phase: 5));
        Assert.Equal(code, ex.Code);
        Assert.StartsWith($"{check}: ", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(Run, ex.RunId);
        Assert.Equal(5, ex.Phase);
        return ex;
    }

    private static ApprovalExpectation Cut => ApprovalExpectation.ForCut(Run, Payload);

    [Fact]
    public async Task Valid_sg1_approval_passes_and_reports_what_to_record()
    {
        var raw = Author(CutRequest());

        var verified = await Verifier(SignedAt.AddHours(1)).VerifyAsync(Signed(raw), Cut);

        Assert.Equal(ApprovalGate.Sg1CutAuthz, verified.Gate);
        Assert.Equal(Sha256Hex.Of(raw), verified.ApprovalSha256);
        Assert.Equal(ApprovalKeys.Approver, verified.SignerPrincipal);
        Assert.Equal(_keys.ApproverKey.PublicKey.Fingerprint, verified.SignerKeyFingerprint);
        Assert.Equal(SignedAt, verified.Document.SignedUtc);
        Assert.Equal(Payload, verified.Document.PayloadSha);
        Assert.Equal(RequestId, verified.Document.RequestKbId);
        Assert.NotEqual(Guid.Empty, verified.ReviewDecisionId);
        Assert.Equal("Reviewed the cut plan.\n", verified.Document.Rationale);
    }

    [Fact]
    public async Task Approval_signed_by_the_real_ssh_keygen_passes()
    {
        var raw = Author(CutRequest());
        var file = Path.Combine(_keys.Directory, $"approval-{Guid.NewGuid():N}.md");
        await File.WriteAllBytesAsync(file, raw);
        var signature = await SshKeygen.SignAsync(_keys.ApproverKeyPath, ApprovalFields.SignatureNamespace, file);

        var verified = await Verifier(SignedAt).VerifyAsync(new KbDocument(ApprovalId, new Dictionary<string, string>(), "", raw, signature), Cut);

        Assert.Equal(ApprovalKeys.Approver, verified.SignerPrincipal);
    }

    [Fact]
    public Task Absent_doc_is_missing() => Stops(null, Cut, StopCodes.ApprovalMissing, ApprovalCheck.Present);

    [Fact]
    public Task Doc_without_signature_is_unsigned()
    {
        var raw = Author(CutRequest());
        return Stops(Signed(raw) with { Signature = null }, Cut, StopCodes.ApprovalUnsigned, ApprovalCheck.Signed);
    }

    [Fact]
    public Task Doc_signed_by_a_key_not_in_allowed_signers_is_an_unknown_signer() =>
        Stops(Signed(Author(CutRequest()), _keys.StrangerKey), Cut, StopCodes.ApprovalUnknownSigner, ApprovalCheck.SignerKnown);

    [Fact]
    public Task Doc_whose_signer_field_names_someone_else_is_an_unknown_signer() =>
        Stops(Signed(Author(CutRequest(), signer: "mallory@example.org")), Cut, StopCodes.ApprovalUnknownSigner, ApprovalCheck.SignerMatchesKey);

    [Fact]
    public Task Doc_changed_after_signing_has_a_bad_signature()
    {
        var doc = Signed(Author(CutRequest()));
        var changed = (byte[])doc.Raw.Clone();
        changed[^2] ^= 0x20; // one byte of the rationale
        return Stops(doc with { Raw = changed }, Cut, StopCodes.ApprovalBadSignature, ApprovalCheck.SignatureValid);
    }

    [Fact]
    public Task Doc_signed_under_another_namespace_has_a_bad_signature()
    {
        var raw = Author(CutRequest());
        var doc = Signed(raw) with { Signature = _keys.ApproverKey.Sign(raw, "git").ToArmored() };
        return Stops(doc, Cut, StopCodes.ApprovalBadSignature, ApprovalCheck.SignatureValid);
    }

    [Fact]
    public Task Unreadable_signature_is_a_bad_signature() =>
        Stops(Signed(Author(CutRequest())) with { Signature = "not a signature" }, Cut, StopCodes.ApprovalBadSignature, ApprovalCheck.SignatureReadable);

    [Fact]
    public Task Approval_for_another_gate_is_the_wrong_gate() =>
        Stops(Signed(Author(ApprovalRequest.ForLifecycle(Run, 12, DocumentCode.Parse("ICX-CONST"), ""))), Cut, StopCodes.ApprovalWrongGate, ApprovalCheck.Gate);

    [Fact]
    public Task Ruling_presented_at_a_gate_is_the_wrong_gate() =>
        Stops(Signed(Author(ApprovalRequest.ForRuling(Run, TimeSpan.FromHours(1), ""))), Cut, StopCodes.ApprovalWrongGate, ApprovalCheck.Kind);

    [Fact]
    public Task Approval_for_another_run_is_the_wrong_run() =>
        Stops(Signed(Author(ApprovalRequest.ForCut(OtherRun, Payload, 12, DocumentCode.Parse("ICX-CONST"), ""))), Cut, StopCodes.ApprovalWrongRun, ApprovalCheck.Run);

    [Fact]
    public Task Approval_for_another_payload_is_the_wrong_payload() =>
        Stops(Signed(Author(ApprovalRequest.ForCut(Run, VersionedHash.Of(HashForms.Payload, "another candidate set"), 12, DocumentCode.Parse("ICX-CONST"), ""))), Cut, StopCodes.ApprovalWrongPayload, ApprovalCheck.Payload);

    [Fact]
    public async Task Escalation_approval_binds_action_and_state()
    {
        var raw = Author(ApprovalRequest.ForEscalation(Run, "revert", State, "revert the torn write"));
        var doc = Signed(raw);

        var verified = await Verifier(SignedAt).VerifyAsync(doc, ApprovalExpectation.ForEscalation(Run, "revert", State));
        Assert.Equal("revert", verified.Document.Action);

        await Stops(doc, ApprovalExpectation.ForEscalation(Run, "compensate", State), StopCodes.ApprovalWrongPayload, ApprovalCheck.Payload, SignedAt);
        await Stops(doc, ApprovalExpectation.ForEscalation(Run, "revert", VersionedHash.Of(HashForms.Footprint, "other state")), StopCodes.ApprovalWrongPayload, ApprovalCheck.Payload, SignedAt);
    }

    [Theory]
    [InlineData("allowance: explicit", "allowance: implicit")]
    [InlineData("allowance: explicit\n", "")]
    [InlineData("allowance: explicit", "allowance: Explicit")]
    public Task Allowance_other_than_explicit_is_refused(string from, string to) =>
        Stops(SignedEdit(Author(CutRequest()), from, to), Cut, StopCodes.ApprovalNotExplicit, ApprovalCheck.Allowance);

    [Fact]
    public async Task Sg1_approval_is_valid_for_exactly_24_hours()
    {
        var doc = Signed(Author(CutRequest()));

        await Verifier(SignedAt.AddHours(24)).VerifyAsync(doc, Cut);
        var ex = await Stops(doc, Cut, StopCodes.ApprovalExpired, ApprovalCheck.NotExpired, SignedAt.AddHours(24).AddSeconds(1));
        Assert.Contains("older than 24 h", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sg2_approval_is_valid_for_exactly_12_hours()
    {
        var doc = Signed(Author(ApprovalRequest.ForLifecycle(Run, 12, DocumentCode.Parse("ICX-CONST"), "")));
        var lifecycle = ApprovalExpectation.ForLifecycle(Run);

        await Verifier(SignedAt.AddHours(12)).VerifyAsync(doc, lifecycle);
        await Stops(doc, lifecycle, StopCodes.ApprovalExpired, ApprovalCheck.NotExpired, SignedAt.AddHours(12).AddSeconds(1));
    }

    [Fact]
    public async Task Sg3_approval_age_limit_is_configurable()
    {
        var doc = Signed(Author(ApprovalRequest.ForEscalation(Run, "revert", State, "")));
        var escalation = ApprovalExpectation.ForEscalation(Run, "revert", State);
        var policy = new ApprovalPolicy { Sg3MaxAge = TimeSpan.FromMinutes(30) };

        await Verifier(SignedAt.AddMinutes(30), policy).VerifyAsync(doc, escalation);
        await Stops(doc, escalation, StopCodes.ApprovalExpired, ApprovalCheck.NotExpired, SignedAt.AddMinutes(31), policy);
    }

    [Fact]
    public async Task Approval_dated_ahead_by_more_than_the_5_minute_skew_is_future_dated()
    {
        var doc = Signed(Author(CutRequest()));

        await Verifier(SignedAt.AddMinutes(-5)).VerifyAsync(doc, Cut);
        await Stops(doc, Cut, StopCodes.ApprovalFutureDated, ApprovalCheck.NotFutureDated, SignedAt.AddMinutes(-5).AddSeconds(-1));
    }

    [Fact]
    public async Task Used_review_decision_id_is_a_replay()
    {
        var doc = Signed(Author(CutRequest()));
        _registry.RecordDecisionId(ApprovalDocument.Parse(doc.Raw).ReviewDecisionId!.Value);

        await Stops(doc, Cut, StopCodes.ApprovalReplayed, ApprovalCheck.DecisionIdFresh);
    }

    [Fact]
    public async Task Same_approval_used_twice_is_a_replay_even_when_only_its_sha_was_recorded()
    {
        var doc = Signed(Author(CutRequest()));
        var registry = new InMemoryDecisionRegistry();
        var verifier = new ApprovalVerifier(_keys.AllowedSigners, registry, new FakeTimeProvider(SignedAt));
        var first = await verifier.VerifyAsync(doc, Cut);
        registry.Record(first);

        var ex = await Assert.ThrowsAsync<StopException>(() => verifier.VerifyAsync(doc, Cut));
        Assert.Equal(StopCodes.ApprovalReplayed, ex.Code);

        // A registry that only knows the approval's sha (decision id fresh) still refuses the same bytes.
        var shaOnly = new ShaOnlyRegistry(first.ApprovalSha256.Value);
        var again = await Assert.ThrowsAsync<StopException>(() => new ApprovalVerifier(_keys.AllowedSigners, shaOnly, new FakeTimeProvider(SignedAt)).VerifyAsync(doc, Cut));
        Assert.Equal(StopCodes.ApprovalReplayed, again.Code);
        Assert.StartsWith($"{ApprovalCheck.ApprovalFresh}: ", again.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run_id: 7d3f8a52-4c1e-4b7a-9a0e-2f5b6c7d8e91\n", "", "'run_id' is missing")]
    [InlineData("run_id: 7d3f8a52-4c1e-4b7a-9a0e-2f5b6c7d8e91", "run_id: 42", "'run_id'")]
    [InlineData("signed_utc: 2025-06-01T12:00:00Z", "signed_utc: 1 June 2025", "'signed_utc'")]
    [InlineData("kind: approval", "kind: approval\nnote: extra", "'note' is not a field")]
    [InlineData("kind: approval", "kind: approval\nkind: approval", "repeats the key 'kind'")]
    [InlineData("gate: SG_1_cut_authz", "gate: SG_9", "not a known gate")]
    [InlineData("payload_sha: ", "payload_sha: XYZ", "'payload_sha'")]
    [InlineData("---\nkind", "kind", "does not open with")]
    [InlineData("\n---\n", "\n--- \n", "front matter is not closed: no '---' line ends it")]
    [InlineData("\n---\n", "\n...\n", "front matter is not closed: no '---' line ends it")]
    public Task Malformed_doc_is_refused_naming_the_field(string from, string to, string expectedProblem) =>
        MalformedAsync(Author(CutRequest()), from, to, expectedProblem);

    [Fact]
    public async Task Empty_review_decision_id_is_malformed()
    {
        var raw = Author(CutRequest());
        var decisionId = ApprovalDocument.Parse(raw).ReviewDecisionId!.Value.ToString("D");

        await MalformedAsync(raw, decisionId, Guid.Empty.ToString("D"), "'review_decision_id': '00000000-0000-0000-0000-000000000000' is not a non-empty UUID");
    }

    private async Task MalformedAsync(byte[] raw, string from, string to, string expectedProblem)
    {
        var ex = await Stops(SignedEdit(raw, from, to), Cut, StopCodes.ApprovalMalformed, ApprovalCheck.WellFormed);
        Assert.Contains(expectedProblem, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_check_has_a_stop_code()
    {
        var verifierCodes = new[]
        {
            StopCodes.ApprovalMissing, StopCodes.ApprovalUnsigned, StopCodes.ApprovalUnknownSigner, StopCodes.ApprovalBadSignature,
            StopCodes.ApprovalWrongGate, StopCodes.ApprovalWrongRun, StopCodes.ApprovalWrongPayload, StopCodes.ApprovalExpired,
            StopCodes.ApprovalFutureDated, StopCodes.ApprovalNotExplicit, StopCodes.ApprovalReplayed, StopCodes.ApprovalMalformed,
        };
        Assert.All(verifierCodes, code => Assert.Contains(code, StopCodes.All));
    }

    private sealed class ShaOnlyRegistry(string sha) : IDecisionRegistry
    {
        public Task<bool> IsDecisionIdUsedAsync(Guid id, CancellationToken ct) => Task.FromResult(false);
        public Task<bool> IsApprovalUsedAsync(string approvalSha256, CancellationToken ct) => Task.FromResult(approvalSha256 == sha);
    }
}
