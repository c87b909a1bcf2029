using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.State;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Verification;

/// <summary>
/// What every check reads: the run's state.json, an open connection on the read-only <c>cutter_verify</c> lane,
/// the grant-matrix pin from configuration, the KB (for the closeout doc), the sidecar store (for the runs index) and
/// the audit chains as walked once on that connection (the walk whose heads the report signs).
/// </summary>
public sealed record VerificationContext(
    RunState State,
    NpgsqlConnection VerifyConnection,
    string ExpectedGrantMatrixSha,
    IKnowledgeBase Kb,
    SidecarStore Sidecar,
    ChainReport AuditChains)
{
    public RunId RunId { get; } = RunId.Parse(State.RunId);

    /// <summary>The run's decisions re-verified against allowed_signers (null when the caller gave no allowed_signers).</summary>
    internal Orchestration.Audit.EvidenceReport? Evidence { get; init; }

    /// <summary>The run's candidate count from state.json (0 when phase 3 never recorded one, which fails every count check).</summary>
    public long CandidateCount => State.CandidateCount ?? 0;
}
