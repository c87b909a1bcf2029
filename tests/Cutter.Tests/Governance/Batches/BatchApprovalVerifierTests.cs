using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Batches;
using Cutter.Store.Audit;
using Cutter.Tests.Governance.Approvals;
using Cutter.Tests.Governance.Signatures;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Cutter.Tests.Governance.Batches;

/// <summary>
/// The batch approval checker and the offline re-verification of a batch decision, each shown a good approval it
/// accepts and, for every check, a broken one it refuses with the STOP code (or finding) that names it. Signatures are
/// made by the real ssh-keygen.
/// </summary>
public sealed class BatchApprovalVerifierTests(ApprovalKeys keys) : IClassFixture<ApprovalKeys>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid BatchId = Guid.Parse("6b1d8f4e-8f7a-4a56-9a55-2f0d3c1a9e01");

    private static BatchDocument Document(int position) =>
        new(position, KbDocId.Parse($"KB-{500 + position}"), RunId.Parse($"00000000-0000-4000-8000-00000000000{position + 1}"), 3 + position,
            VersionedHash.Of(HashForms.Payload, $"payload {position}"));

    private static BatchApprovalDocument Request(ApprovalGate gate = ApprovalGate.Sg1CutAuthz, string allowance = ApprovalFields.AllowanceExplicit, DateTimeOffset? requested = null)
    {
        var documents = Enumerable.Range(0, 3).Select(Document).ToArray();
        return new BatchApprovalDocument
        {
            Gate = gate,
            BatchId = BatchId,
            BatchName = "three",
            MerkleRoot = BatchMerkleTree.Root(documents.Select(d => d.LeafInput).ToArray()),
            ReviewDecisionId = Guid.Parse("1f6a9a0e-3c52-4b0e-9d0e-6a7e2b3c4d5e"),
            Allowance = allowance,
            RequestedUtc = requested ?? Now.AddMinutes(-5),
            Documents = documents,
        };
    }

    private async Task<(byte[] Raw, string Signature)> SignAsync(BatchApprovalDocument request, string? keyPath = null)
    {
        var path = Path.Combine(keys.Directory, $"request-{Guid.NewGuid():N}.md");
        var raw = request.ToBytes();
        await File.WriteAllBytesAsync(path, raw);
        return (raw, await SshKeygen.SignAsync(keyPath ?? keys.ApproverKeyPath, ApprovalFields.SignatureNamespace, path));
    }

    private VerifiedBatchApproval Verify(BatchApprovalDocument expected, byte[] raw, string signature, ApprovalGate? gate = null, Guid? batchId = null, VersionedHash? root = null, string? requestSha = null) =>
        new BatchApprovalVerifier(keys.AllowedSigners, new FakeTimeProvider(Now)).Verify(raw, signature, gate ?? expected.Gate, batchId ?? BatchId,
            root ?? expected.MerkleRoot, requestSha ?? Sha256Hex.Of(expected.ToBytes()).Value, "request.md");

    [Fact]
    public async Task A_request_signed_with_ssh_keygen_is_the_approval()
    {
        var request = Request();
        var (raw, signature) = await SignAsync(request);

        var verified = Verify(request, raw, signature);

        Assert.Equal(ApprovalKeys.Approver, verified.Signer);
        Assert.Equal(request.Documents, verified.Document.Documents);
        Assert.Equal(request.MerkleRoot, verified.Document.MerkleRoot);
        Assert.Equal(Now.AddMinutes(-5) + TimeSpan.FromHours(24), new BatchApprovalVerifier(keys.AllowedSigners, new FakeTimeProvider(Now)).ExpiresUtc(verified.Document));
    }

    [Fact]
    public async Task Every_check_refuses_its_broken_input_with_its_stop_code()
    {
        var request = Request();
        var (raw, signature) = await SignAsync(request);
        var (strangerRaw, strangerSignature) = await SignAsync(request, keys.StrangerKeyPath);
        var edited = raw.ToArray();
        edited[^3] ^= 1;
        var notExplicit = Request(allowance: "implied");
        var (notExplicitRaw, notExplicitSignature) = await SignAsync(notExplicit);
        var stale = Request(requested: Now.AddHours(-25));
        var (staleRaw, staleSignature) = await SignAsync(stale);
        var otherRoot = VersionedHash.Of(HashForms.BatchRoot, "another batch");

        Assert.Equal("STOP_APPROVAL_UNSIGNED", Refused(() => Verify(request, raw, "")));
        Assert.Equal("STOP_APPROVAL_BAD_SIGNATURE", Refused(() => Verify(request, edited, signature, requestSha: Sha256Hex.Of(edited).Value)));
        Assert.Equal("STOP_APPROVAL_UNKNOWN_SIGNER", Refused(() => Verify(request, strangerRaw, strangerSignature)));
        Assert.Equal("STOP_APPROVAL_WRONG_PAYLOAD", Refused(() => Verify(request, raw, signature, requestSha: new string('a', 64))));
        Assert.Equal("STOP_APPROVAL_WRONG_GATE", Refused(() => Verify(request, raw, signature, gate: ApprovalGate.Sg2LifecycleAuthz)));
        Assert.Equal("STOP_APPROVAL_WRONG_RUN", Refused(() => Verify(request, raw, signature, batchId: Guid.NewGuid())));
        Assert.Equal("STOP_APPROVAL_WRONG_PAYLOAD", Refused(() => Verify(request, raw, signature, root: otherRoot)));
        Assert.Equal("STOP_APPROVAL_NOT_EXPLICIT", Refused(() => Verify(notExplicit, notExplicitRaw, notExplicitSignature)));
        Assert.Equal("STOP_APPROVAL_EXPIRED", Refused(() => Verify(stale, staleRaw, staleSignature)));
    }

    [Fact]
    public async Task A_stored_batch_decision_re_verifies_offline_and_a_forged_one_is_named()
    {
        var request = Request();
        var (raw, signature) = await SignAsync(request);
        var listed = request.Documents[1];
        var leaves = request.Documents.Select(d => d.LeafInput).ToArray();
        var leaf = new StoredBatchLeaf(BatchId, listed.KbId, 1, 3, BatchMerkleTree.FormatProof(BatchMerkleTree.InclusionProof(leaves, 1)));
        StoredDecision Row(byte[] bytes, string? payload = null, Guid? id = null) =>
            new(id ?? BatchDecisionIds.For(request.ReviewDecisionId, listed.RunId), listed.RunId, "SG_1_cut_authz", "KB-9", Sha256Hex.Of(bytes).Value,
                payload ?? listed.PayloadSha.ToString(), ApprovalKeys.Approver, bytes, signature, null, "live", payload ?? listed.PayloadSha.ToString(), false)
            { BatchLeaf = leaf };

        Assert.Null(DecisionEvidence.Problem(Row(raw), keys.AllowedSigners));

        var otherPayload = VersionedHash.Of(HashForms.Payload, "changed").ToString();
        Assert.Contains($"is not leaf 1 under the signed root {request.MerkleRoot}", DecisionEvidence.Problem(Row(raw, payload: otherPayload), keys.AllowedSigners));
        Assert.Contains("the decision id is not the one derived", DecisionEvidence.Problem(Row(raw, id: Guid.NewGuid()), keys.AllowedSigners));
        var edited = raw.ToArray();
        edited[^3] ^= 1;
        Assert.Contains("the stored batch approval does not verify", DecisionEvidence.Problem(Row(edited), keys.AllowedSigners));
    }

    private static string Refused(Action verify) => Assert.Throws<StopException>(verify).Code.Code;
}
