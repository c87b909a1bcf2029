using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.State;
using Cutter.Store;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 4: re-survey every document's live counts against the pinned counts (STOP_DRIFT names each that moved),
/// and keep the pre-run snapshot (counts and content hashes) that verification and revert compare against.
/// A live run then writes the SG_1 request and pauses.
/// </summary>
internal sealed class P04DriftSurvey : IPhase
{
    public int Number => 4;
    public string Name => "drift_survey";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentFootprint> live;
        long reviewDecisions;
        await using (var connection = await context.Services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            live = await DocumentSurvey.ReadAsync(connection, cancellationToken);
            reviewDecisions = await VerificationReads.CountReviewDecisionsAsync(connection, cancellationToken);
        }
        var comparison = Prechecks.DriftComparison.Compare(context.Services.Settings.PinnedCounts, live);
        if (comparison.HasDrift)
        {
            throw new StopException(StopCodes.Drift, string.Join("; ", comparison.Drifted), context.RunId, Number);
        }

        context.State.PreRunSnapshot = new Snapshot(context.Now,
            live.Select(DocumentSnapshot.Of).ToList())
        {
            ReviewDecisionCount = reviewDecisions,
        };
        var detail = $"{live.Count} documents surveyed, {context.Services.Settings.PinnedCounts.Count} pinned, none moved";
        return context.Mode == RunMode.Live
            ? new PhaseOutcome(0, detail, PauseForGate: ApprovalGate.Sg1CutAuthz)
            : new PhaseOutcome(0, detail);
    }

    internal static byte[] RequestDocument(RunState state) =>
        RunDocuments.GateRequest(state, ApprovalGate.Sg1CutAuthz, RunDocuments.Sg1WhatWillBeWritten(state));
}
