using Cutter.Governance.Approvals;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Gates;

/// <summary>Replay checks against <c>cutter_governance.review_decision</c>, read through the read-only lane.</summary>
internal sealed class StoreDecisionRegistry(IStoreConnector store) : IDecisionRegistry
{
    public async Task<bool> IsDecisionIdUsedAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(Lane.Verify, ct);
        return await RunStore.IsDecisionIdUsedAsync(connection, id, ct);
    }

    public async Task<bool> IsApprovalUsedAsync(string approvalSha256, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(Lane.Verify, ct);
        return await RunStore.IsApprovalUsedAsync(connection, approvalSha256, ct);
    }
}
