using Cutter.Domain;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// Takes a batch document forward with the ordinary runner: starts the run the plan assigned it when it has none yet,
/// resumes it through the phase ledger when it was interrupted (a worker killed mid-item), and carries it through every
/// gate the batch has approved. A STOP ends the step with the run held back; the rest of the batch goes on.
/// </summary>
internal sealed class RunAdvancer(OrchestratorServices services, IBatchRunSteps batch) : IDocumentAdvancer
{
    private readonly OrchestratorRunner _runner = new(services);

    public async Task<AdvanceResult> AdvanceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            var state = services.Sidecar.Exists(item.RunId) ? await ContinueAsync(item.RunId, cancellationToken) : await batch.StartAsync(item, cancellationToken);
            return Result(await ThroughApprovedGatesAsync(item, state, cancellationToken));
        }
        catch (StopException stop) when (stop.Code == StopCodes.DocumentLocked)
        {
            // Another process holds the document (a worker whose lease lapsed but which is still at work): back to the queue.
            return new AdvanceResult(WorkOutcome.Busy, $"{stop.Code.Code}: {stop.Detail}");
        }
        catch (StopException stop)
        {
            return new AdvanceResult(WorkOutcome.Stopped, $"{stop.Code.Code}: {stop.Detail}", stop.Code.Code);
        }
    }

    private async Task<RunState> ContinueAsync(RunId runId, CancellationToken cancellationToken)
    {
        var state = _runner.Status(runId);
        return state.Status.IsTerminal() || IsAtGate(state) ? state : await _runner.ResumeAsync(runId, null, null, cancellationToken);
    }

    /// <summary>Through every gate the batch has already approved: a run pausing at SG_2 goes on at once when the batch's SG_2 is signed.</summary>
    private async Task<RunState> ThroughApprovedGatesAsync(WorkItem item, RunState state, CancellationToken cancellationToken)
    {
        while (IsAtGate(state) && await batch.ResumeAtGateAsync(item, state, cancellationToken) is { } resumed)
        {
            var moved = resumed.Status != state.Status;
            state = resumed;
            if (!moved) break;
        }
        return state;
    }

    private static bool IsAtGate(RunState state) => state.Status is RunStatus.AwaitingSg1 or RunStatus.AwaitingSg2;

    private static AdvanceResult Result(RunState state) => state.Status switch
    {
        RunStatus.CloseoutReported => new AdvanceResult(WorkOutcome.Closed, "closeout reported"),
        RunStatus.AwaitingSg1 => new AdvanceResult(WorkOutcome.AwaitingGate, "waits for the batch's SG_1 approval"),
        RunStatus.AwaitingSg2 => new AdvanceResult(WorkOutcome.AwaitingGate, "waits for the batch's SG_2 approval"),
        _ => new AdvanceResult(WorkOutcome.Stopped, $"ended {state.Status.WireName()}" + (state.Stop is { } s ? $": {s.Code} {s.Detail}" : ""),
            state.Stop?.Code ?? $"RUN_{state.Status.WireName().ToUpperInvariant()}"),
    };
}
