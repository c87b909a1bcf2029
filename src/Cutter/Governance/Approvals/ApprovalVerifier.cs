using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Decides whether a gate may pass: the approval doc must be present, signed by a key in allowed_signers under
/// the <c>cutter-approval</c> namespace, bind this gate, run and payload (or action and state), say
/// <c>allowance: explicit</c>, be fresh (not older than the gate's limit, not dated in the future beyond the skew),
/// and never have been used. Each failure is a <see cref="StopException"/> with its own STOP code, its detail
/// starting with the <see cref="ApprovalCheck"/> that failed. Verifying writes nothing.
/// </summary>
internal sealed class ApprovalVerifier
{
    private readonly AllowedSigners _allowedSigners;
    private readonly IDecisionRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ApprovalPolicy _policy;

    public ApprovalVerifier(AllowedSigners allowedSigners, IDecisionRegistry registry, TimeProvider time, ApprovalPolicy? policy = null)
    {
        _allowedSigners = allowedSigners;
        _registry = registry;
        _time = time;
        _policy = policy ?? ApprovalPolicy.Default;
    }

    public async Task<VerifiedApproval> VerifyAsync(KbDocument? approval, ApprovalExpectation expected, int? phase = null, CancellationToken ct = default)
    {
        try
        {
            return await CheckAsync(approval, expected, ct);
        }
        catch (ApprovalFailure failure)
        {
            throw new StopException(CodeFor(failure.Check), failure.Message, expected.RunId, phase);
        }
    }

    private async Task<VerifiedApproval> CheckAsync(KbDocument? approval, ApprovalExpectation expected, CancellationToken ct)
    {
        var what = $"{expected.Gate.WireName()} approval";
        var signed = SignedDocumentReader.Read(approval, _allowedSigners, what);
        var doc = signed.Document;

        if (doc.Kind != ApprovalKind.Approval)
        {
            throw new ApprovalFailure(ApprovalCheck.Kind, $"the document is a {ApprovalFields.KindExecutionRuling}, not a gate approval");
        }
        if (doc.Gate != expected.Gate)
        {
            throw new ApprovalFailure(ApprovalCheck.Gate, $"the approval is for gate {doc.Gate!.Value.WireName()}, expected {expected.Gate.WireName()}");
        }
        if (doc.RunId != expected.RunId)
        {
            throw new ApprovalFailure(ApprovalCheck.Run, $"the approval is for run {doc.RunId}, expected {expected.RunId}");
        }
        CheckPayload(doc, expected);
        if (!string.Equals(doc.Allowance, ApprovalFields.AllowanceExplicit, StringComparison.Ordinal))
        {
            throw new ApprovalFailure(ApprovalCheck.Allowance, $"allowance is '{doc.Allowance ?? "(missing)"}', expected '{ApprovalFields.AllowanceExplicit}'");
        }
        ApprovalClock.CheckSignedTime(doc.SignedUtc, _time.GetUtcNow(), _policy.ClockSkew, _policy.MaxAge(expected.Gate));

        var decisionId = doc.ReviewDecisionId!.Value;
        if (await _registry.IsDecisionIdUsedAsync(decisionId, ct))
        {
            throw new ApprovalFailure(ApprovalCheck.DecisionIdFresh, $"review_decision_id {decisionId} was already used");
        }
        if (await _registry.IsApprovalUsedAsync(signed.Sha256.Value, ct))
        {
            throw new ApprovalFailure(ApprovalCheck.ApprovalFresh, $"this approval (sha256 {signed.Sha256}) was already consumed");
        }
        return new VerifiedApproval(doc, signed.Sha256, signed.Principal, signed.KeyFingerprint);
    }

    private static void CheckPayload(ApprovalDocument doc, ApprovalExpectation expected)
    {
        switch (expected.Gate)
        {
            case ApprovalGate.Sg1CutAuthz when !Binds(doc.PayloadSha, expected.PayloadSha, "payload_sha"):
                throw new ApprovalFailure(ApprovalCheck.Payload, $"the approval binds payload_sha {doc.PayloadSha}, expected {expected.PayloadSha}");
            case ApprovalGate.Sg3EscalationAuthz when !string.Equals(doc.Action, expected.Action, StringComparison.Ordinal):
                throw new ApprovalFailure(ApprovalCheck.Payload, $"the approval binds action '{doc.Action}', expected '{expected.Action}'");
            case ApprovalGate.Sg3EscalationAuthz when !Binds(doc.StateSha, expected.StateSha, "state_sha"):
                throw new ApprovalFailure(ApprovalCheck.Payload, $"the approval binds state_sha {doc.StateSha}, expected {expected.StateSha}");
        }
    }

    // A hash of another form is refused as such, never reported as another payload (docs/hashes.md).
    private static bool Binds(VersionedHash? bound, VersionedHash? expected, string field)
    {
        if (bound is not { } b || expected is not { } e) return bound == expected;
        if (b.CompareWith(e) == HashComparison.DifferentForms)
        {
            throw new ApprovalFailure(ApprovalCheck.Payload, $"the approval binds a {b.Form} {field} and the run's is {e.Form}: refusing to compare different hash forms; request a new approval");
        }
        return b.Matches(e, field);
    }

    internal static StopCode CodeFor(ApprovalCheck check) => check switch
    {
        ApprovalCheck.Present => StopCodes.ApprovalMissing,
        ApprovalCheck.Signed => StopCodes.ApprovalUnsigned,
        ApprovalCheck.SignerKnown or ApprovalCheck.SignerMatchesKey => StopCodes.ApprovalUnknownSigner,
        ApprovalCheck.SignatureReadable or ApprovalCheck.SignatureValid => StopCodes.ApprovalBadSignature,
        ApprovalCheck.WellFormed => StopCodes.ApprovalMalformed,
        ApprovalCheck.Kind or ApprovalCheck.Gate => StopCodes.ApprovalWrongGate,
        ApprovalCheck.Run => StopCodes.ApprovalWrongRun,
        ApprovalCheck.Payload => StopCodes.ApprovalWrongPayload,
        ApprovalCheck.Allowance => StopCodes.ApprovalNotExplicit,
        ApprovalCheck.NotFutureDated => StopCodes.ApprovalFutureDated,
        ApprovalCheck.NotExpired or ApprovalCheck.TtlWithinLimit => StopCodes.ApprovalExpired,
        ApprovalCheck.DecisionIdFresh or ApprovalCheck.ApprovalFresh => StopCodes.ApprovalReplayed,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "unmapped approval check"),
    };
}
