using Cutter.Domain.Hashing;
using Cutter.Domain;

namespace Cutter.Governance.Approvals;

/// <summary>
/// What a gate expects its approval to bind. Built only through the per-gate factories, so an SG_1 expectation
/// always has a payload sha and an SG_3 one always has an action and a state sha.
/// </summary>
internal sealed record ApprovalExpectation
{
    private ApprovalExpectation(ApprovalGate gate, RunId runId)
    {
        Gate = gate;
        RunId = runId;
    }

    public ApprovalGate Gate { get; }
    public RunId RunId { get; }
    public VersionedHash? PayloadSha { get; private init; }
    public string? Action { get; private init; }
    public VersionedHash? StateSha { get; private init; }

    /// <summary>SG_1: write this run's candidate set with this payload sha.</summary>
    public static ApprovalExpectation ForCut(RunId runId, VersionedHash payloadSha) =>
        new(ApprovalGate.Sg1CutAuthz, runId) { PayloadSha = payloadSha };

    /// <summary>SG_2: enact this run's drafts.</summary>
    public static ApprovalExpectation ForLifecycle(RunId runId) => new(ApprovalGate.Sg2LifecycleAuthz, runId);

    /// <summary>SG_3: take <paramref name="action"/> on this run from the state whose sha is <paramref name="stateSha"/>.</summary>
    public static ApprovalExpectation ForEscalation(RunId runId, string action, VersionedHash stateSha)
    {
        if (string.IsNullOrWhiteSpace(action)) throw new InvalidInputException("escalation action", "must not be empty");
        return new(ApprovalGate.Sg3EscalationAuthz, runId) { Action = action, StateSha = stateSha };
    }
}
