namespace Cutter.Governance.Approvals;

/// <summary>
/// The front matter keys and fixed values of approval, ruling and request docs. docs/approvals.md describes each one.
/// </summary>
internal static class ApprovalFields
{
    /// <summary>The SSHSIG namespace every approval and ruling is signed under (<c>ssh-keygen -Y sign -n cutter-approval</c>).</summary>
    public const string SignatureNamespace = "cutter-approval";

    public const string Kind = "kind";
    public const string Gate = "gate";
    public const string RunId = "run_id";
    public const string PayloadSha = "payload_sha";
    public const string Action = "action";
    public const string StateSha = "state_sha";
    public const string ReviewDecisionId = "review_decision_id";
    public const string Allowance = "allowance";
    public const string Signer = "signer";
    public const string SignedUtc = "signed_utc";
    public const string ExpiresUtc = "expires_utc";
    public const string RequestKbId = "request_kb_id";

    // Request docs only.
    public const string CandidateCount = "candidate_count";
    public const string DocumentCode = "document_code";
    public const string RulingTtlMinutes = "ruling_ttl_minutes";

    // Batch approvals only (docs/batches.md): the request signed as written is the approval.
    public const string BatchId = "batch_id";
    public const string BatchName = "batch_name";
    public const string MerkleRoot = "merkle_root";
    public const string DocumentCount = "document_count";
    public const string RequestedUtc = "requested_utc";

    public const string KindApproval = "approval";
    public const string KindBatchApproval = "batch_approval";
    public const string KindExecutionRuling = "execution_ruling";
    public const string KindApprovalRequest = "approval_request";
    public const string KindRulingRequest = "execution_ruling_request";

    /// <summary>The only allowance that authorizes anything: consent must be spelled out, never implied.</summary>
    public const string AllowanceExplicit = "explicit";

    /// <summary>Timestamps are UTC, to the second, ISO 8601 with a Z.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
}
