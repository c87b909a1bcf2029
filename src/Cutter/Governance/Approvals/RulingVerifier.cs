using Cutter.Domain;
using Cutter.Governance.Signatures;
using Cutter.Knowledge;

namespace Cutter.Governance.Approvals;

/// <summary>
/// Decides whether an execution ruling authorizes turning the execution flag on for one run, now: the same
/// signature checks as approvals, then kind <c>execution_ruling</c>, this run, <c>allowance: explicit</c>,
/// not future-dated, not past <c>expires_utc</c>, and a validity window no longer than the policy allows.
/// Every failure is <see cref="StopCodes.RulingInvalid"/>, its detail starting with the failed <see cref="ApprovalCheck"/>.
/// </summary>
internal sealed class RulingVerifier
{
    private readonly AllowedSigners _allowedSigners;
    private readonly TimeProvider _time;
    private readonly ApprovalPolicy _policy;

    public RulingVerifier(AllowedSigners allowedSigners, TimeProvider time, ApprovalPolicy? policy = null)
    {
        _allowedSigners = allowedSigners;
        _time = time;
        _policy = policy ?? ApprovalPolicy.Default;
    }

    public VerifiedRuling Verify(KbDocument? ruling, RunId runId, int? phase = null)
    {
        try
        {
            return Check(ruling, runId);
        }
        catch (ApprovalFailure failure)
        {
            throw new StopException(StopCodes.RulingInvalid, failure.Message, runId, phase);
        }
    }

    private VerifiedRuling Check(KbDocument? ruling, RunId runId)
    {
        var signed = SignedDocumentReader.Read(ruling, _allowedSigners, "execution ruling");
        var doc = signed.Document;
        if (doc.Kind != ApprovalKind.ExecutionRuling)
        {
            throw new ApprovalFailure(ApprovalCheck.Kind, $"the document is a gate approval, not an {ApprovalFields.KindExecutionRuling}");
        }
        if (doc.RunId != runId)
        {
            throw new ApprovalFailure(ApprovalCheck.Run, $"the ruling is for run {doc.RunId}, expected {runId}");
        }
        if (!string.Equals(doc.Allowance, ApprovalFields.AllowanceExplicit, StringComparison.Ordinal))
        {
            throw new ApprovalFailure(ApprovalCheck.Allowance, $"allowance is '{doc.Allowance ?? "(missing)"}', expected '{ApprovalFields.AllowanceExplicit}'");
        }

        var now = _time.GetUtcNow();
        var expires = doc.ExpiresUtc!.Value;
        var window = expires - doc.SignedUtc;
        if (window <= TimeSpan.Zero || window > _policy.RulingMaxTtl)
        {
            throw new ApprovalFailure(ApprovalCheck.TtlWithinLimit,
                $"the ruling is valid for {window.TotalHours:0.##} h; it must expire after it is signed and within {_policy.RulingMaxTtl.TotalHours:0.##} h");
        }
        // The window is bounded above, so "not expired" is expires_utc, and the age limit is the window itself.
        ApprovalClock.CheckSignedTime(doc.SignedUtc, now, _policy.ClockSkew, window);
        if (now >= expires)
        {
            throw new ApprovalFailure(ApprovalCheck.NotExpired, $"the ruling expired at {ApprovalDocument.FormatTimestamp(expires)} (now {ApprovalDocument.FormatTimestamp(now)})");
        }
        return new VerifiedRuling(doc, signed.Sha256, signed.Principal, signed.KeyFingerprint);
    }
}
