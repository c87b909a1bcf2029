using Cutter.Domain;
using Cutter.Orchestration.Backup;
using Cutter.Orchestration.Locks;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.Running;
using Cutter.Orchestration.State;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>
/// Runs one cut of one target document through the 11 phases: <see cref="CutAsync"/> starts it,
/// <see cref="ResumeAsync"/> continues it from a gate or after a crash (the phase ledger wins), and
/// <see cref="Status"/> reads where it stands. A STOP is thrown as <see cref="StopException"/> after the state is saved;
/// a live run turns the execution flag off on every exit path. The work is done by the parts under
/// <c>Orchestration/Running</c>, one concern each (the phase loop, the gate pause, the finish, the run journal, resume
/// planning, the resume gate check, ledger reconciliation, plan restore, the open-run guard); this class puts them in order.
/// </summary>
public sealed class OrchestratorRunner
{
    private readonly OrchestratorServices _services;
    private readonly RunJournal _journal;
    private readonly GatePause _pause;
    private readonly PhaseLoop _phases;
    private readonly OpenRunGuard _openRuns;
    private readonly LedgerReconciler _ledger;
    private readonly ResumeGateCheck _gateCheck;
    private ILogger Log => _services.Logger;

    public OrchestratorRunner(OrchestratorServices services)
    {
        _services = services;
        _journal = new RunJournal(services);
        _pause = new GatePause(services, _journal);
        _phases = new PhaseLoop(services, _journal, _pause);
        _openRuns = new OpenRunGuard(services);
        _ledger = new LedgerReconciler(services, _journal);
        _gateCheck = new ResumeGateCheck(services);
    }

    public async Task<RunState> CutAsync(KbDocId documentId, RunMode mode, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(actor)) throw new InvalidInputException("actor", "must name who starts the run");
        RunDirectories.Ensure(_services.Settings);
        await RecoverFlagAsync(cancellationToken);
        if (!await _services.Kb.ExistsAsync(documentId, cancellationToken))
        {
            throw new InvalidInputException("document", $"{documentId} does not exist in the KB");
        }

        var runId = RunId.New();
        await _openRuns.RefuseIfDocumentHeldAsync(documentId, runId, cancellationToken);
        var now = _services.Time.GetUtcNow();
        var state = new RunState
        {
            RunId = runId.ToString(),
            Mode = mode,
            Actor = actor,
            Document = new DocumentRef(documentId.Value, null, null),
            CreatedUtc = now,
            UpdatedUtc = now,
            Phases = PhaseCatalog.All.Select(p => new PhaseRecord { Number = p.Number, Name = p.Name, WritesProduction = p.WritesProduction }).ToList(),
        };
        await using var documentLock = await DocumentLock.AcquireAsync(_services.Settings.GlobalLocksDir, _services.Store, documentId, runId, _services.Time, Log,
            message => _journal.RecordTakeover(state, message), cancellationToken);
        // Again under the lock: a cut that paused at SG_1 between the check above and this lock has released it by now.
        // The check above stays so that a refused cut leaves a crashed run's lock file alone for that run's resume.
        await _openRuns.RefuseIfDocumentHeldAsync(documentId, runId, cancellationToken);
        _journal.Save(state);
        _journal.Event(state, "started", null);
        Log.LogInformation("run {RunId}: {Mode} cut of {Document} by {Actor}", runId, mode, documentId, actor);

        var context = new RunContext(_services, state);
        await _phases.RunFromAsync(context, 1, cancellationToken);
        return state;
    }

    public Task<RunState> ResumeAsync(RunId runId, KbDocId? approvalKbId, KbDocId? rulingKbId = null, CancellationToken cancellationToken = default) =>
        ResumeCoreAsync(runId, approvalKbId,
            (context, status, next, ct) => _gateCheck.VerifyAsync(context, status, next, approvalKbId, rulingKbId, ct), cancellationToken);

    /// <summary>
    /// Resumes a run of a batch: <paramref name="verifyGates"/> (Orchestration/Batches) puts the batch's approval and
    /// ruling in place instead of a run-level approval, after the same state, ledger and plan checks as any resume.
    /// </summary>
    internal Task<RunState> ResumeUnderAsync(RunId runId, KbDocId batchApprovalKbId, Func<RunContext, RunStatus, int, CancellationToken, Task> verifyGates,
        CancellationToken cancellationToken) =>
        ResumeCoreAsync(runId, batchApprovalKbId, verifyGates, cancellationToken);

    private async Task<RunState> ResumeCoreAsync(RunId runId, KbDocId? approvalKbId, Func<RunContext, RunStatus, int, CancellationToken, Task> verifyGates,
        CancellationToken cancellationToken)
    {
        RunDirectories.Ensure(_services.Settings);
        var state = _services.Sidecar.Load(runId);
        var status = state.Status;
        if (status.IsTerminal()) throw new InvalidInputException("run", $"{runId} is {status.WireName()}; a finished run cannot be resumed");
        if (state.Stop is { Terminal: true }) throw new InvalidInputException("run", $"{runId} stopped with terminal {state.Stop.Code}: see the section \"{state.Stop.Code}\" of the \"STOP codes\" page in the operator guide");
        var documentId = KbDocId.Parse(state.Document.KbId);
        await RecoverFlagAsync(cancellationToken);
        await using var documentLock = await DocumentLock.AcquireAsync(_services.Settings.GlobalLocksDir, _services.Store, documentId, runId, _services.Time, Log,
            message => _journal.RecordTakeover(state, message), cancellationToken);

        var context = new RunContext(_services, state);
        await StoredRunCheck.CheckAsync(context, cancellationToken);
        await _ledger.ReconcileAsync(context, cancellationToken);
        PlanRestore.Restore(context);
        var next = ResumePlanner.NextPhase(state);

        // A crash between a gate phase (4 or 9) and its pause left no request: pause now, as the run would have.
        if (ResumePlanner.UnrequestedGate(context, status, next, approvalKbId) is { } pendingGate)
        {
            if (status == RunStatus.Stopped) state.TransitionTo(RunStatus.Running);
            state.Stop = null;
            await _pause.PauseAsync(context, pendingGate, cancellationToken);
            return state;
        }

        // Everything a resume must verify is verified before anything is written: a bad approval leaves the run as it was.
        if (context.Mode == RunMode.Live)
        {
            await verifyGates(context, status, next, cancellationToken);
        }
        if (status != RunStatus.Running) state.TransitionTo(RunStatus.Running);
        state.Stop = null;
        _journal.Save(state);
        _journal.Event(state, "resumed", $"from phase {next}" + (approvalKbId is { } a ? $" with {a}" : ""));

        if (ResumePlanner.NeedsFlagRaised(context, next))
        {
            await ExecutionFlag.RaiseForRunAsync(context, GateConsumption.RequireLiveRuling(context, next), next, cancellationToken);
        }
        await _phases.RunFromAsync(context, next, cancellationToken);
        return state;
    }

    public RunState Status(RunId runId) => _services.Sidecar.Load(runId);

    public IReadOnlyList<RunState> StatusAll() => _services.Sidecar.LoadAll().ToArray();

    /// <summary>At every start: a flag a dead run left on is turned off, and the scratch work of killed backups is swept.</summary>
    private async Task RecoverFlagAsync(CancellationToken cancellationToken)
    {
        if (await ExecutionFlagJanitor.RecoverAsync(_services.Store, _services.Time, Log, cancellationToken) is { } message)
        {
            _journal.FlagRecovered(message);
        }
        if (_services.Backup is not IAbandonedWorkSweeper sweeper) return;
        try
        {
            foreach (var swept in await sweeper.SweepAbandonedAsync(cancellationToken)) Log.LogWarning("swept what a killed run left behind: {Swept}", swept);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
        {
            // Leftovers are only clutter; the sweep tries again at the next start.
            Log.LogWarning("could not sweep what killed runs left behind: {Reason}", ex.Message);
        }
    }
}
