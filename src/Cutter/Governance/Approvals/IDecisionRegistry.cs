namespace Cutter.Governance.Approvals;

/// <summary>
/// Where consumed approvals are remembered, for replay checks. The store implements it over
/// <c>cutter_governance.review_decision</c>; the row itself is written by the phase that consumes the approval,
/// in that phase's transaction.
/// </summary>
internal interface IDecisionRegistry
{
    /// <summary>True when a review decision with this id was already recorded, by any run.</summary>
    Task<bool> IsDecisionIdUsedAsync(Guid id, CancellationToken ct);

    /// <summary>True when an approval with these exact bytes (sha256 hex of the raw doc) was already consumed.</summary>
    Task<bool> IsApprovalUsedAsync(string approvalSha256, CancellationToken ct);
}
