using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Orchestration.Gates;

/// <summary>
/// The production gate: reads the approval or ruling doc and its detached signature from the KB and checks it
/// with <see cref="ApprovalVerifier"/> / <see cref="RulingVerifier"/> against allowed_signers and the review
/// decisions already in the store.
/// </summary>
internal sealed class SignedApprovalGate : IApprovalGate
{
    private readonly IKnowledgeBase _kb;
    private readonly ApprovalVerifier _approvals;
    private readonly RulingVerifier _rulings;

    public SignedApprovalGate(IKnowledgeBase kb, AllowedSigners allowedSigners, IDecisionRegistry decisions, TimeProvider time, ApprovalPolicy? policy = null)
    {
        _kb = kb;
        _approvals = new ApprovalVerifier(allowedSigners, decisions, time, policy);
        _rulings = new RulingVerifier(allowedSigners, time, policy);
    }

    public async Task<ConsumableApproval> VerifyApprovalAsync(GateRequest request, KbDocId approvalKbId, CancellationToken cancellationToken)
    {
        var expectation = request.Gate switch
        {
            ApprovalGate.Sg1CutAuthz => ApprovalExpectation.ForCut(request.RunId, request.PayloadSha),
            ApprovalGate.Sg2LifecycleAuthz => ApprovalExpectation.ForLifecycle(request.RunId),
            ApprovalGate.Sg3EscalationAuthz => ApprovalExpectation.ForEscalation(request.RunId, request.Action ?? "", request.StateSha ?? throw new ArgumentException("SG_3 needs a state sha", nameof(request))),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Gate, "unknown gate"),
        };
        var document = await TryGetAsync(approvalKbId, cancellationToken);
        var verified = await _approvals.VerifyAsync(document, expectation, ct: cancellationToken);
        return new ConsumableApproval(approvalKbId, request.Gate, verified.ReviewDecisionId, verified.ApprovalSha256.Value,
            verified.SignerPrincipal, verified.Document.SignedUtc, null)
        {
            // The verifier refused an unsigned or absent document, so both are here.
            Evidence = new ApprovalEvidence(document!.Raw, document.Signature!),
        };
    }

    public async Task<ActiveRuling> VerifyRulingAsync(RunId runId, KbDocId rulingKbId, CancellationToken cancellationToken)
    {
        var document = await TryGetAsync(rulingKbId, cancellationToken);
        var verified = _rulings.Verify(document, runId);
        return new ActiveRuling(rulingKbId, runId, verified.SignerPrincipal, verified.ExpiresUtc);
    }

    private async Task<KbDocument?> TryGetAsync(KbDocId id, CancellationToken cancellationToken)
    {
        try
        {
            return await _kb.GetAsync(id, cancellationToken);
        }
        catch (KbDocumentNotFoundException)
        {
            return null;
        }
    }
}
