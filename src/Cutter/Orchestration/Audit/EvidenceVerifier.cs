using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Store.Audit;
using Npgsql;

namespace Cutter.Orchestration.Audit;

/// <summary>What re-verifying the stored evidence found: each failure names its decision, authorization or run.</summary>
internal sealed record EvidenceReport(int Verified, int NotOfACutterRun, int RecordedBeforeEvidence, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public string Summary =>
        $"decisions: {Verified} re-verified against allowed_signers, {RecordedBeforeEvidence} recorded before evidence was kept (0009), "
        + $"{NotOfACutterRun} of no Cutter run (owner-written)";
}

/// <summary>
/// Re-verifies offline, on the read-only lane, every stored decision's signed evidence (<see cref="DecisionEvidence"/>)
/// and that every governed deletion (each chain_redaction, each run ended reverted or compensated) rests on an SG_3
/// decision of the same run whose evidence verifies. The store cannot check an SSHSIG signature; this is where a
/// decision recorded with forged, unsigned or foreign evidence by someone holding the exec lane is caught, by name.
/// </summary>
internal static class EvidenceVerifier
{
    /// <param name="onlyRun">When given, only that run's decisions, deletions and end state (the post-run check); else the whole store.</param>
    public static async Task<EvidenceReport> VerifyAsync(NpgsqlConnection connection, AllowedSigners allowedSigners, CancellationToken cancellationToken = default, Domain.RunId? onlyRun = null)
    {
        bool InScope(Domain.RunId runId) => onlyRun is not { } only || only == runId;
        var decisions = (await StoredDecisions.ReadAsync(connection, cancellationToken, onlyRun)).ToArray();
        var failures = new List<string>();
        var (verified, notOfARun, beforeEvidence) = (0, 0, 0);
        var valid = new HashSet<Guid>();
        foreach (var decision in decisions)
        {
            if (decision.RunMode is null) { notOfARun++; continue; }
            if (decision.RecordedBeforeEvidence) { beforeEvidence++; continue; }
            if (DecisionEvidence.Problem(decision, allowedSigners) is { } problem)
            {
                failures.Add(problem);
                continue;
            }
            verified++;
            valid.Add(decision.ReviewDecisionId);
        }

        var sg3 = ApprovalGate.Sg3EscalationAuthz.WireName();
        bool CoveredBy(Guid? decisionId, Domain.RunId runId) =>
            decisionId is { } id && valid.Contains(id) && decisions.Any(d => d.ReviewDecisionId == id && d.Gate == sg3 && d.RunId == runId);
        foreach (var redaction in (await StoredDecisions.ReadRedactionsAsync(connection, cancellationToken)).Where(r => InScope(r.RunId)))
        {
            if (!CoveredBy(redaction.ReviewDecisionId, redaction.RunId))
            {
                failures.Add($"rows of run {redaction.RunId} deleted under authorization {redaction.AuthorizationId}, which rests on no SG_3 decision of that run "
                    + $"with valid evidence (decision {redaction.ReviewDecisionId?.ToString() ?? "none"})");
            }
        }
        foreach (var (runId, state) in (await StoredDecisions.ReadEscalatedRunsAsync(connection, cancellationToken)).Where(r => InScope(r.RunId)))
        {
            if (!decisions.Any(d => d.RunId == runId && CoveredBy(d.ReviewDecisionId, runId)))
            {
                failures.Add($"run {runId} is {state} without an SG_3 decision of that run with valid evidence");
            }
        }
        return new EvidenceReport(verified, notOfARun, beforeEvidence, failures);
    }
}
