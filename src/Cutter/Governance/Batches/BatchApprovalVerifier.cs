using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;

namespace Cutter.Governance.Batches;

/// <summary>A batch approval that passed every check: the document, the sha of its bytes, and the principal whose key signed it.</summary>
internal sealed record VerifiedBatchApproval(BatchApprovalDocument Document, Sha256Hex Sha256, string Signer, byte[] Raw, string Signature);

/// <summary>
/// Decides whether a batch approval authorizes: the SSHSIG signature over the exact bytes verifies under the
/// <c>cutter-approval</c> namespace with a key in allowed_signers; the bytes are the request the batch recorded (its sha);
/// they name this gate, batch and Merkle root and say <c>allowance: explicit</c>; and the request is fresh (requested no
/// longer ago than the gate's limit, not dated ahead). Each failure is a <see cref="StopException"/> with the STOP_APPROVAL_*
/// code the single-run gate uses for the same check. Verifying writes nothing; replay is refused by the store.
/// </summary>
internal sealed class BatchApprovalVerifier(AllowedSigners allowedSigners, TimeProvider time, ApprovalPolicy? policy = null)
{
    private readonly ApprovalPolicy _policy = policy ?? ApprovalPolicy.Default;

    public VerifiedBatchApproval Verify(byte[] raw, string? signature, ApprovalGate gate, Guid batchId, VersionedHash merkleRoot, string requestSha, string source)
    {
        try
        {
            return Check(raw, signature, gate, batchId, merkleRoot, requestSha, source);
        }
        catch (ApprovalFailure failure)
        {
            throw new StopException(ApprovalVerifier.CodeFor(failure.Check), failure.Message);
        }
    }

    /// <summary>How long a batch approval authorizes writing (its ruling): the gate's age limit counted from the request.</summary>
    public DateTimeOffset ExpiresUtc(BatchApprovalDocument document) => document.RequestedUtc + _policy.MaxAge(document.Gate);

    private VerifiedBatchApproval Check(byte[] raw, string? signature, ApprovalGate gate, Guid batchId, VersionedHash merkleRoot, string requestSha, string source)
    {
        var what = $"batch {gate.WireName()} approval {source}";
        if (string.IsNullOrWhiteSpace(signature)) throw new ApprovalFailure(ApprovalCheck.Signed, $"{what} has no signature (sign it with ssh-keygen -Y sign -n {ApprovalFields.SignatureNamespace})");
        var entry = SignedDocumentReader.VerifySignature(raw, signature, allowedSigners, what);
        var sha = Sha256Hex.Of(raw);
        if (sha.Value != requestSha)
        {
            throw new ApprovalFailure(ApprovalCheck.Payload, $"{what} hashes to {sha}, not to the request the batch recorded ({requestSha}): the signed file is not the batch's request");
        }
        BatchApprovalDocument document;
        try
        {
            document = BatchApprovalDocument.Parse(raw);
        }
        catch (FormatException ex)
        {
            throw new ApprovalFailure(ApprovalCheck.WellFormed, $"{what}: {ex.Message}");
        }
        if (document.Gate != gate) throw new ApprovalFailure(ApprovalCheck.Gate, $"{what} is for gate {document.Gate.WireName()}");
        if (document.BatchId != batchId) throw new ApprovalFailure(ApprovalCheck.Run, $"{what} is for batch {document.BatchId}, expected {batchId}");
        if (document.MerkleRoot.CompareWith(merkleRoot) != HashComparison.Equal)
        {
            throw new ApprovalFailure(ApprovalCheck.Payload, $"{what} binds root {document.MerkleRoot}, the batch's root is {merkleRoot}");
        }
        if (!string.Equals(document.Allowance, ApprovalFields.AllowanceExplicit, StringComparison.Ordinal))
        {
            throw new ApprovalFailure(ApprovalCheck.Allowance, $"allowance is '{document.Allowance}', expected '{ApprovalFields.AllowanceExplicit}'");
        }
        ApprovalClock.CheckSignedTime(document.RequestedUtc, time.GetUtcNow(), _policy.ClockSkew, _policy.MaxAge(gate));
        return new VerifiedBatchApproval(document, sha, entry.Principals[0], raw, signature);
    }
}
