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

    /// <summary>The transparency log as walked once (its entries and recomputed roots); null when the walk failed.</summary>
    internal LogWalkResult? Log { get; init; }

    /// <summary>Why the decisions could not be re-verified (a damaged store), when they could not.</summary>
    internal string? EvidenceError { get; init; }

    /// <summary>The schema pin and its reviewed listing, and the allowed_signers file earlier reports must verify against.</summary>
    internal VerifierSettings Settings { get; init; } = VerifierSettings.None;

    /// <summary>The content tables as read once on the verify lane, re-hashed in C#; null when the read failed (<see cref="ScanError"/>).</summary>
    internal Store.Scan.StoreScan? Scan { get; init; }

    /// <summary>Why <see cref="Scan"/> could not be read (a missing table, a revoked grant), for the checks that need it.</summary>
    internal string? ScanError { get; init; }

    /// <summary>The scan, or a failure naming why it is not there.</summary>
    internal Store.Scan.StoreScan RequireScan() =>
        Scan ?? throw new StoreUnreadableException($"the content tables could not be read on the verify lane: {ScanError}");

    /// <summary>The run's candidate count from state.json (0 when phase 3 never recorded one, which fails every count check).</summary>
    public long CandidateCount => State.CandidateCount ?? 0;
}
