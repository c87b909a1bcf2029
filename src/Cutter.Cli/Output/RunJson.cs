using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;

namespace Cutter.Cli.Output;

/// <summary>A pending request: the KB document an approver must answer before the run can go on.</summary>
internal sealed record PendingRequest(string Kind, string RequestKbId);

/// <summary>
/// A run as the JSON of orchestrate, resume, status, revert, compensate and rehearse shows it (docs/json/run.schema.json):
/// where it stands, and under <c>pending_requests</c> what to approve next, so a script needs no text parsing.
/// </summary>
internal static class RunJson
{
    /// <summary>Exit 7 while the run waits at a gate, else 0: the caller must not mistake "paused" for "done".</summary>
    public static int ExitCodeOf(RunState state) =>
        state.Status is RunStatus.AwaitingSg1 or RunStatus.AwaitingSg2 ? ExitCodes.AwaitingApproval : ExitCodes.Ok;

    /// <summary>The verb's result: "done" or "awaiting_approval" (as the exit code says), and the run.</summary>
    public static object Result(RunState state) => new
    {
        Outcome = ExitCodeOf(state) == ExitCodes.AwaitingApproval ? "awaiting_approval" : "done",
        Run = Of(state),
    };

    public static IReadOnlyList<PendingRequest> PendingRequests(RunState state)
    {
        var pending = state.Gates.Values
            .Where(g => g.RequestKbId is not null && g.ApprovalKbId is null)
            .Select(g => new PendingRequest(g.Gate.WireName(), g.RequestKbId!))
            .ToList();
        if (state.Status == RunStatus.AwaitingSg1 && state.RulingRequestKbId is not null)
        {
            pending.Add(new PendingRequest("execution_ruling", state.RulingRequestKbId));
        }
        return pending;
    }

    public static object Of(RunState state) => new
    {
        state.RunId,
        Document = new { state.Document.KbId, state.Document.Code, state.Document.Title },
        Mode = WireNames<RunMode>.Of(state.Mode),
        Status = state.Status.WireName(),
        FinalState = state.FinalState?.WireName(),
        state.PayloadSha,
        state.CandidateCount,
        Stop = state.Stop is { } stop ? new { stop.Code, stop.Phase, stop.Detail, stop.Terminal } : null,
        Phases = state.Phases.Select(p => new
        {
            p.Number,
            p.Name,
            Result = WireNames<PhaseResult>.Of(p.Result),
            p.RowsWritten,
            p.DurationMs,
            p.ReportKbId,
        }),
        Gates = state.Gates.Values.Select(g => new
        {
            Gate = g.Gate.WireName(),
            g.RequestKbId,
            g.ApprovalKbId,
            g.Signer,
            g.SignedUtc,
        }),
        PendingRequests = PendingRequests(state),
        state.CloseoutKbId,
        state.Warnings,
        state.CreatedUtc,
        state.UpdatedUtc,
    };
}
