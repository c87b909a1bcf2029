using Cutter.Domain;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Workers;

/// <summary>
/// Takes a batch document forward with the ordinary runner: a live cut when the document has no open run, a resume
/// through the phase ledger when its run was interrupted (a worker killed mid-item), and a resume under the batch's
/// approval when its run waits at a gate. A STOP ends the step with the run held back; the batch goes on.
/// </summary>
internal sealed class RunAdvancer(OrchestratorServices services, IGateResumer gates, string actor) : IDocumentAdvancer
{
    private readonly OrchestratorRunner _runner = new(services);

    public async Task<AdvanceResult> AdvanceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var runId = item.RunId ?? await OpenRunAsync(item.Document, cancellationToken);
        try
        {
            var state = runId is null ? await _runner.CutAsync(item.Document, RunMode.Live, actor, cancellationToken) : await ContinueAsync(item, runId.Value, cancellationToken);
            return Result(await ThroughApprovedGatesAsync(item, state, cancellationToken));
        }
        catch (StopException stop) when (stop.Code == StopCodes.DocumentLocked)
        {
            return new AdvanceResult(WorkOutcome.Busy, stop.RunId ?? runId, $"{stop.Code.Code}: {stop.Detail}");
        }
        catch (StopException stop)
        {
            var id = stop.RunId ?? runId;
            return new AdvanceResult(WorkOutcome.Stopped, id, $"{stop.Code.Code}: {stop.Detail}");
        }
    }

    private async Task<RunState> ContinueAsync(WorkItem item, RunId runId, CancellationToken cancellationToken)
    {
        var state = _runner.Status(runId);
        return state.Status.IsTerminal() || IsAtGate(state) ? state : await _runner.ResumeAsync(runId, null, null, cancellationToken);
    }

    /// <summary>Through every gate the batch has already approved: a cut pausing at SG_1 goes on at once when the batch's SG_1 is signed.</summary>
    private async Task<RunState> ThroughApprovedGatesAsync(WorkItem item, RunState state, CancellationToken cancellationToken)
    {
        while (IsAtGate(state) && await gates.ResumeAtGateAsync(item with { RunId = RunId.Parse(state.RunId) }, state, cancellationToken) is { } resumed)
        {
            var moved = resumed.Status != state.Status;
            state = resumed;
            if (!moved) break;
        }
        return state;
    }

    private static bool IsAtGate(RunState state) => state.Status is RunStatus.AwaitingSg1 or RunStatus.AwaitingSg2;

    private static AdvanceResult Result(RunState state)
    {
        var runId = RunId.Parse(state.RunId);
        return state.Status switch
        {
            RunStatus.CloseoutReported => new AdvanceResult(WorkOutcome.Closed, runId, "closeout reported"),
            RunStatus.AwaitingSg1 => new AdvanceResult(WorkOutcome.AwaitingGate, runId, "waits for the batch's SG_1 approval"),
            RunStatus.AwaitingSg2 => new AdvanceResult(WorkOutcome.AwaitingGate, runId, "waits for the batch's SG_2 approval"),
            _ => new AdvanceResult(WorkOutcome.Stopped, runId, $"ended {state.Status.WireName()}" + (state.Stop is { } s ? $": {s.Code}" : "")),
        };
    }

    /// <summary>
    /// The document's unfinished live run, if any: a worker killed after the cut started it but before the queue row
    /// learned its id leaves one, and a second cut would be refused while it is open.
    /// </summary>
    private async Task<RunId?> OpenRunAsync(KbDocId document, CancellationToken cancellationToken)
    {
        var here = services.Sidecar.LoadAll()
            .Where(s => s.Document.KbId == document.Value && s.Mode == RunMode.Live && !s.Status.IsTerminal())
            .Select(s => RunId.Parse(s.RunId)).ToArray();
        if (here.Length == 1) return here[0];
        await using var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken);
        var inStore = await RunStore.OpenRunsOfDocumentAsync(connection, document, cancellationToken);
        return inStore.Count == 1 ? inStore[0].RunId : null;
    }
}
