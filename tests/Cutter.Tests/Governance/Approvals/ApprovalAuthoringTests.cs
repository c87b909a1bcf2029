using Cutter.Domain.Hashing;
using System.Text;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Governance.Approvals;

public sealed class ApprovalAuthoringTests : IClassFixture<ApprovalKeys>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, 789, TimeSpan.Zero);
    private static readonly RunId Run = RunId.Parse("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    private readonly ApprovalKeys _keys;

    public ApprovalAuthoringTests(ApprovalKeys keys) => _keys = keys;

    [Fact]
    public void Approval_doc_has_exactly_the_documented_fields_in_order()
    {
        var payload = VersionedHash.Of(HashForms.Payload, "payload");
        var request = ApprovalRequest.ForCut(Run, payload, 7, DocumentCode.Parse("ICX-CONST"), "");

        var raw = new ApprovalAuthoring(new FakeTimeProvider(Now)).Build(request, KbDocId.Parse("KB-77"), ApprovalKeys.Approver, "Looks right.\n");
        var decisionId = ApprovalDocument.Parse(raw).ReviewDecisionId!.Value;

        Assert.Equal(
            "---\n" +
            "kind: approval\n" +
            "gate: SG_1_cut_authz\n" +
            $"run_id: {Run}\n" +
            $"payload_sha: {payload}\n" +
            $"review_decision_id: {decisionId:D}\n" +
            "allowance: explicit\n" +
            $"signer: {ApprovalKeys.Approver}\n" +
            "signed_utc: 2025-06-01T12:00:00Z\n" +
            "request_kb_id: KB-77\n" +
            "---\n" +
            "Looks right.\n",
            Encoding.UTF8.GetString(raw));
    }

    [Fact]
    public void Each_approval_gets_a_fresh_review_decision_id()
    {
        var authoring = new ApprovalAuthoring(new FakeTimeProvider(Now));
        var request = ApprovalRequest.ForLifecycle(Run, 7, DocumentCode.Parse("ICX-CONST"), "");

        var first = ApprovalDocument.Parse(authoring.Build(request, null, ApprovalKeys.Approver, "")).ReviewDecisionId;
        var second = ApprovalDocument.Parse(authoring.Build(request, null, ApprovalKeys.Approver, "")).ReviewDecisionId;

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a,b")]
    public void Signer_that_cannot_be_an_allowed_signers_principal_is_refused(string signer)
    {
        var ex = Assert.Throws<InvalidInputException>(() =>
            new ApprovalAuthoring(new FakeTimeProvider(Now)).Build(ApprovalRequest.ForLifecycle(Run, 1, DocumentCode.Parse("ICX-CONST"), ""), null, signer, ""));
        Assert.Equal("signer", ex.Input);
    }

    [Fact]
    public void Request_doc_round_trips()
    {
        var request = ApprovalRequest.ForEscalation(Run, "revert", VersionedHash.Of(HashForms.Footprint, "state"), "Revert run 2c3d.\n");

        var parsed = ApprovalRequest.Parse(request.ToBytes(), "KB-5");

        Assert.Equal(request, parsed);
    }

    [Fact]
    public void Request_doc_missing_its_payload_sha_is_refused_with_the_doc_named()
    {
        var raw = Encoding.UTF8.GetBytes($"---\nkind: approval_request\ngate: SG_1_cut_authz\nrun_id: {Run}\n---\n");

        var ex = Assert.Throws<InvalidInputException>(() => ApprovalRequest.Parse(raw, "KB-5"));

        Assert.Equal("request KB-5", ex.Input);
        Assert.Equal("'payload_sha' is missing", ex.Problem);
    }

    [Fact]
    public async Task Approve_answers_a_request_in_the_kb_with_a_signed_approval_the_gate_accepts()
    {
        var kb = new InMemoryKnowledgeBase();
        var payload = VersionedHash.Of(HashForms.Payload, "payload");
        var requestId = kb.Add(ApprovalRequest.ForCut(Run, payload, 7, DocumentCode.Parse("ICX-CONST"), "Writes 7 units.\n").ToBytes());
        var clock = new FakeTimeProvider(Now);

        var approvalId = await new ApprovalAuthoring(clock).ApproveAsync(kb, requestId, _keys.ApproverKey, ApprovalKeys.Approver, "Approved.\n");
        clock.Advance(TimeSpan.FromHours(3));
        var verified = await new ApprovalVerifier(_keys.AllowedSigners, new InMemoryDecisionRegistry(), clock)
            .VerifyAsync(await kb.GetAsync(approvalId), ApprovalExpectation.ForCut(Run, payload));

        Assert.NotEqual(requestId, approvalId);
        Assert.Equal(requestId, verified.Document.RequestKbId);
        Assert.Equal("Approved.\n", verified.Document.Rationale);
    }

    [Fact]
    public async Task Ruling_request_is_answered_with_a_ruling_whose_expiry_is_its_ttl()
    {
        var kb = new InMemoryKnowledgeBase();
        var requestId = kb.Add(ApprovalRequest.ForRuling(Run, TimeSpan.FromMinutes(90), "").ToBytes());
        var clock = new FakeTimeProvider(Now);

        var rulingId = await new ApprovalAuthoring(clock).ApproveAsync(kb, requestId, _keys.ApproverKey, ApprovalKeys.Approver, "");
        var verified = new RulingVerifier(_keys.AllowedSigners, clock).Verify(await kb.GetAsync(rulingId), Run);

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 13, 30, 0, TimeSpan.Zero), verified.ExpiresUtc);
    }
}
