using Cutter.Governance.Approvals;

namespace Cutter.Tests.Governance.Approvals;

/// <summary>
/// Stand-in for the store's review_decision-backed registry, for the verifier's unit tests only: the replay rule is
/// the verifier's, the registry just remembers. The database-backed implementation has its own tests in the store.
/// </summary>
internal sealed class InMemoryDecisionRegistry : IDecisionRegistry
{
    private readonly HashSet<Guid> _decisionIds = new();
    private readonly HashSet<string> _approvalShas = new(StringComparer.Ordinal);

    public void Record(VerifiedApproval approval)
    {
        _decisionIds.Add(approval.ReviewDecisionId);
        _approvalShas.Add(approval.ApprovalSha256.Value);
    }

    public void RecordDecisionId(Guid id) => _decisionIds.Add(id);

    public Task<bool> IsDecisionIdUsedAsync(Guid id, CancellationToken ct) => Task.FromResult(_decisionIds.Contains(id));

    public Task<bool> IsApprovalUsedAsync(string approvalSha256, CancellationToken ct) => Task.FromResult(_approvalShas.Contains(approvalSha256));
}
