using Cutter.Governance.Approvals;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.Reports.Html;
using Cutter.Orchestration.State;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Running;

/// <summary>
/// A live run stops at SG_1 (after phase 4) and SG_2 (after phase 9): the gate request (and, at SG_1, the execution
/// ruling request) goes to the KB, the SG_1 review page (review-sg1.html) to the run folder, and the run waits as
/// <c>awaiting_SG_1</c> / <c>awaiting_SG_2</c>.
/// </summary>
internal sealed class GatePause(OrchestratorServices services, RunJournal journal)
{
    public async Task PauseAsync(RunContext context, ApprovalGate gate, CancellationToken cancellationToken)
    {
        var state = context.State;
        var (whatWillBeWritten, status) = gate == ApprovalGate.Sg1CutAuthz
            ? (RunDocuments.Sg1WhatWillBeWritten(state, context.Amendment), RunStatus.AwaitingSg1)
            : (RunDocuments.Sg2WhatWillBeWritten(state), RunStatus.AwaitingSg2);
        var request = await journal.UploadAsync(context.RunId, RunDocuments.GateRequest(state, gate, whatWillBeWritten), $"{context.RunId}/request-{gate.WireName()}", null, cancellationToken);
        var record = state.Gates.TryGetValue(gate, out var existing) ? existing : new GateRecord { Gate = gate };
        record.RequestKbId = request.Value;
        state.Gates[gate] = record;
        if (gate == ApprovalGate.Sg1CutAuthz)
        {
            var ruling = await journal.UploadAsync(context.RunId, RunDocuments.RulingRequest(state, services.Settings.RulingTtlMinutes), $"{context.RunId}/request-ruling", null, cancellationToken);
            state.RulingRequestKbId = ruling.Value;
            var page = await RunPages.WriteReviewAsync(context.RunFolder, new ReviewPageModel(state, context.RequirePlan(), request.Value, ruling.Value));
            services.Logger.LogInformation("run {RunId}: SG_1 review page {Path}", context.RunId, page);
        }
        state.TransitionTo(status);
        journal.Save(state);
        journal.Event(state, "paused", $"{gate.WireName()} requested as {request}");
        services.Logger.LogInformation("run {RunId}: waiting at {Gate}; request {Request}", context.RunId, gate.WireName(), request);
    }
}
