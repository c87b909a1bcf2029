using Cutter.Domain.Hashing;
using System.Diagnostics;
using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Locks;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration;

/// <summary>
/// Runs one cut of one target document through the 11 phases: <see cref="CutAsync"/> starts it,
/// <see cref="ResumeAsync"/> continues it from a gate or after a crash (the phase ledger wins), and
/// <see cref="Status"/> reads where it stands. A STOP is thrown as <see cref="StopException"/> after the state is saved;
/// a live run turns the execution flag off on every exit path.
/// </summary>
public sealed class OrchestratorRunner
{
    private readonly OrchestratorServices _services;
    private ILogger Log => _services.Logger;

    public OrchestratorRunner(OrchestratorServices services) => _services = services;

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
        await RefuseIfDocumentHeldAsync(documentId, runId, cancellationToken);
        var now = _services.Time.GetUtcNow();
        var state = new RunState
        {
            RunId = runId.ToString(),
            Mode = mode.ToString(),
            Actor = actor,
            Document = new DocumentRef(documentId.Value, null, null),
            CreatedUtc = now,
            UpdatedUtc = now,
            Phases = PhaseCatalog.All.Select(p => new PhaseRecord { Number = p.Number, Name = p.Name, WritesProduction = p.WritesProduction }).ToList(),
        };
        await using var documentLock = await DocumentLock.AcquireAsync(_services.Settings.GlobalLocksDir, _services.Store, documentId, runId, _services.Time, Log,
            message => RecordTakeover(state, message), cancellationToken);
        // Again under the lock: a cut that paused at SG_1 between the check above and this lock has released it by now.
        // The check above stays so that a refused cut leaves a crashed run's lock file alone for that run's resume.
        await RefuseIfDocumentHeldAsync(documentId, runId, cancellationToken);
        Save(state);
        Index(state, "started", null);
        Log.LogInformation("run {RunId}: {Mode} cut of {Document} by {Actor}", runId, mode, documentId, actor);

        var context = new RunContext(_services, state);
        await ExecuteAsync(context, 1, cancellationToken);
        return state;
    }

    public async Task<RunState> ResumeAsync(RunId runId, KbDocId? approvalKbId, KbDocId? rulingKbId = null, CancellationToken cancellationToken = default)
    {
        RunDirectories.Ensure(_services.Settings);
        var state = _services.Sidecar.Load(runId);
        var status = ParseStatus(state.Status);
        if (status.IsTerminal()) throw new InvalidInputException("run", $"{runId} is {state.Status}; a finished run cannot be resumed");
        if (state.Stop is { Terminal: true }) throw new InvalidInputException("run", $"{runId} stopped with terminal {state.Stop.Code}; see docs/stop-codes.md");
        var documentId = KbDocId.Parse(state.Document.KbId);
        await RecoverFlagAsync(cancellationToken);
        await using var documentLock = await DocumentLock.AcquireAsync(_services.Settings.GlobalLocksDir, _services.Store, documentId, runId, _services.Time, Log,
            message => RecordTakeover(state, message), cancellationToken);

        var context = new RunContext(_services, state);
        await ReconcileWithLedgerAsync(context, cancellationToken);
        RestorePlan(context);
        // Every phase in the ledger but the run not closed out (a crash after phase 11 committed): only the closeout remains.
        var next = state.Phases.FirstOrDefault(p => p.Result != "passed")?.Number ?? PhaseCatalog.All.Count + 1;

        // A crash between a gate phase (4 or 9) and its pause left no request: pause now, as the run would have.
        if (context.Mode == RunMode.Live && approvalKbId is null && status is RunStatus.Running or RunStatus.Stopped
            && (next, GateAt(next)) is (5 or 10, { } pendingGate) && state.Gates.GetValueOrDefault(pendingGate)?.ApprovalKbId is null)
        {
            if (status == RunStatus.Stopped) Transition(state, RunStatus.Running);
            state.Stop = null;
            await PauseAsync(context, pendingGate, cancellationToken);
            return state;
        }

        // Everything a resume must verify is verified before anything is written: a bad approval leaves the run as it was.
        if (context.Mode == RunMode.Live)
        {
            await VerifyGatesForResumeAsync(context, status, next, approvalKbId, rulingKbId, cancellationToken);
        }
        if (status != RunStatus.Running) Transition(state, RunStatus.Running);
        state.Stop = null;
        Save(state);
        Index(state, "resumed", $"from phase {next}" + (approvalKbId is { } a ? $" with {a}" : ""));

        if (context.Mode == RunMode.Live && next is 7 or 8)
        {
            await RaiseFlagForResumeAsync(context, next, cancellationToken);
        }
        await ExecuteAsync(context, next, cancellationToken);
        return state;
    }

    public RunState Status(RunId runId) => _services.Sidecar.Load(runId);

    public IReadOnlyList<RunState> StatusAll() => _services.Sidecar.LoadAll().ToArray();

    private async Task ExecuteAsync(RunContext context, int fromPhase, CancellationToken cancellationToken)
    {
        var state = context.State;
        try
        {
            for (var number = fromPhase; number <= PhaseCatalog.All.Count; number++)
            {
                var phase = PhaseCatalog.ByNumber(number);
                if (context.Mode == RunMode.DryRun && number > PhaseCatalog.LastDryRunPhase)
                {
                    foreach (var skipped in state.Phases.Where(p => p.Number > PhaseCatalog.LastDryRunPhase)) skipped.Result = "skipped";
                    break;
                }
                if (context.Mode == RunMode.Simulate && phase.WritesProduction && context.Simulation is null)
                {
                    var connection = await _services.Store.OpenAsync(Lane.Exec, cancellationToken);
                    context.Simulation = (connection, await connection.BeginTransactionAsync(cancellationToken));
                }

                var outcome = await RunPhaseAsync(context, phase, cancellationToken);
                if (outcome.PauseForGate is { } gate && context.Mode == RunMode.Live)
                {
                    await PauseAsync(context, gate, cancellationToken);
                    return;
                }
            }
            await FinishAsync(context, cancellationToken);
        }
        catch (StopException stop)
        {
            var phase = stop.Phase ?? state.Phases.FirstOrDefault(p => p.Result == "running")?.Number;
            if (phase is { } n)
            {
                var record = context.PhaseRecord(n);
                record.Result = "stopped";
                record.FinishedUtc = context.Now;
                record.Detail = stop.Detail;
            }
            state.Stop = new StopRecord(stop.Code.Code, stop.Detail, phase, stop.Code.Terminal, context.Now);
            Transition(state, RunStatus.Stopped);
            Save(state);
            Index(state, "stopped", $"{stop.Code.Code}: {stop.Detail}");
            Log.LogError("run {RunId} STOPPED {Code} at phase {Phase}: {Detail}", context.RunId, stop.Code.Code, phase, stop.Detail);
            throw new StopException(stop.Code, stop.Detail, context.RunId, phase);
        }
        finally
        {
            if (context.Simulation is { } simulation)
            {
                await simulation.Transaction.RollbackAsync(CancellationToken.None);
                await simulation.Transaction.DisposeAsync();
                await simulation.Connection.DisposeAsync();
                context.Simulation = null;
            }
            if (context.FlagRaisedHere)
            {
                await LowerFlagAsync(context);
            }
        }
    }

    private async Task<PhaseOutcome> RunPhaseAsync(RunContext context, IPhase phase, CancellationToken cancellationToken)
    {
        var record = context.PhaseRecord(phase.Number);
        record.Result = "running";
        record.StartedUtc = context.Now;
        var clock = Stopwatch.StartNew();
        Log.LogInformation("run {RunId}: phase {Number} {Name} started", context.RunId, phase.Number, phase.Name);

        PhaseOutcome outcome;
        try
        {
            outcome = await phase.ExecuteAsync(context, cancellationToken);
        }
        catch (HashFormMismatchException ex)
        {
            // A recorded hash of another form is never taken for a change of data (docs/hashes.md).
            throw new StopException(StopCodes.HashFormMismatch, ex.Message, context.RunId, phase.Number);
        }

        record.Result = "passed";
        record.FinishedUtc = context.Now;
        record.DurationMs = clock.ElapsedMilliseconds;
        record.RowsWritten = outcome.RowsWritten;
        record.Detail = outcome.Detail;
        context.State.UpdatedUtc = context.Now;
        // Saved before the KB upload: the phase is done (and, live, committed) whatever happens to its report.
        Save(context.State);
        record.ReportKbId = (await UploadAsync(context, RunDocuments.PhaseReport(context.State, record), $"{context.RunId}/phase-{phase.Number}", phase.Number, cancellationToken)).Value;
        Save(context.State);
        FaultInjection.At($"after-phase:{phase.Number}");
        Log.LogInformation("run {RunId}: phase {Number} {Name} passed in {Ms} ms: {Detail}", context.RunId, phase.Number, phase.Name, record.DurationMs, outcome.Detail);
        return outcome;
    }

    private async Task PauseAsync(RunContext context, string gate, CancellationToken cancellationToken)
    {
        var state = context.State;
        var (whatWillBeWritten, status) = gate == GateNames.CutAuthorization
            ? (RunDocuments.Sg1WhatWillBeWritten(state), RunStatus.AwaitingSg1)
            : (RunDocuments.Sg2WhatWillBeWritten(state), RunStatus.AwaitingSg2);
        var request = await UploadAsync(context, RunDocuments.GateRequest(state, gate, whatWillBeWritten), $"{context.RunId}/request-{gate}", null, cancellationToken);
        var record = state.Gates.TryGetValue(gate, out var existing) ? existing : new GateRecord { Gate = gate };
        record.RequestKbId = request.Value;
        state.Gates[gate] = record;
        if (gate == GateNames.CutAuthorization)
        {
            var ruling = await UploadAsync(context, RunDocuments.RulingRequest(state, _services.Settings.RulingTtlMinutes), $"{context.RunId}/request-ruling", null, cancellationToken);
            state.RulingRequestKbId = ruling.Value;
        }
        Transition(state, status);
        Save(state);
        Index(state, "paused", $"{gate} requested as {request}");
        Log.LogInformation("run {RunId}: waiting at {Gate}; request {Request}", context.RunId, gate, request);
    }

    private async Task FinishAsync(RunContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        switch (context.Mode)
        {
            case RunMode.DryRun:
                Transition(state, RunStatus.DryRunComplete);
                break;
            case RunMode.Simulate:
                Transition(state, RunStatus.Simulated);
                break;
            default:
                state.FinalState = RunStatus.CloseoutReported.WireName();
                Transition(state, RunStatus.CloseoutReported);
                var summarySha = CloseoutSummary.Sha(state);
                state.CloseoutSummarySha = summarySha;
                IReadOnlyList<Cutter.Store.Audit.ChainHead> heads;
                await using (var connection = await _services.Store.OpenAsync(Lane.Verify, cancellationToken))
                {
                    // The heads as the run leaves them: the closeout doc pins every audit row written up to here.
                    heads = (await Cutter.Orchestration.Audit.ChainVerifier.VerifyAsync(connection, _services.Sidecar.IndexPath, cancellationToken)).Heads;
                }
                state.CloseoutKbId = (await UploadAsync(context, RunDocuments.Closeout(state, summarySha, heads), $"{context.RunId}/closeout", 11, cancellationToken)).Value;
                break;
        }
        state.UpdatedUtc = context.Now;
        Save(state);
        Index(state, "finished", state.CloseoutSummarySha is null ? null : $"closeout {state.CloseoutKbId}, summary sha256 {state.CloseoutSummarySha}");
        Log.LogInformation("run {RunId}: {Status}", context.RunId, state.Status);
    }

    private async Task<KbDocId> UploadAsync(RunContext context, byte[] raw, string idempotencyKey, int? phase, CancellationToken cancellationToken)
    {
        try
        {
            return await _services.Kb.CreateAsync(raw, idempotencyKey, cancellationToken);
        }
        catch (Exception ex) when (ex is CutterException or IOException or HttpRequestException or TimeoutException && ex is not StopException)
        {
            throw new StopException(StopCodes.KbUploadFailed, $"{idempotencyKey}: {ex.Message}", context.RunId, phase);
        }
    }

    private async Task VerifyGatesForResumeAsync(RunContext context, RunStatus status, int next, KbDocId? approvalKbId, KbDocId? rulingKbId, CancellationToken cancellationToken)
    {
        var state = context.State;
        if (status == RunStatus.AwaitingSg1 && approvalKbId is null)
        {
            throw new InvalidInputException("--approval", $"run {context.RunId} waits at SG_1 (request {state.Gates.GetValueOrDefault(GateNames.CutAuthorization)?.RequestKbId}); pass the SG_1 approval doc id");
        }
        if (status == RunStatus.AwaitingSg2 && approvalKbId is null)
        {
            throw new InvalidInputException("--approval", $"run {context.RunId} waits at SG_2 (request {state.Gates.GetValueOrDefault(GateNames.LifecycleAuthorization)?.RequestKbId}); pass the SG_2 approval doc id");
        }

        // The gate a resume must pass before it may write: SG_1 until phase 6 consumes it, SG_2 until phase 10 does.
        var gate = GateAt(next);
        if (gate is not null)
        {
            var gateRecord = state.Gates.GetValueOrDefault(gate);
            var approvalId = approvalKbId ?? (gateRecord?.ApprovalKbId is { } recorded ? KbDocId.Parse(recorded) : (KbDocId?)null)
                ?? throw new InvalidInputException("--approval", $"run {context.RunId} needs its {gate} approval to continue at phase {next}");
            var plan = context.RequirePlan();
            var request = new GateRequest(gate, context.RunId, plan.PayloadSha, plan.CandidateCount,
                gateRecord?.RequestKbId is { } r ? KbDocId.Parse(r) : (KbDocId?)null);
            var approval = await _services.Gates.VerifyApprovalAsync(request, approvalId, cancellationToken);
            context.VerifiedApprovals[gate] = approval;
            var record = gateRecord ?? new GateRecord { Gate = gate };
            record.ApprovalKbId = approvalId.Value;
            state.Gates[gate] = record;
        }

        if (next >= 5 && next <= 10)
        {
            var rulingId = rulingKbId ?? (state.Ruling is { } known ? KbDocId.Parse(known.KbId) : (KbDocId?)null)
                ?? throw new InvalidInputException("--ruling", $"run {context.RunId} needs its execution ruling (request {state.RulingRequestKbId}) to turn the execution flag on");
            var ruling = await _services.Gates.VerifyRulingAsync(context.RunId, rulingId, cancellationToken);
            context.Ruling = ruling;
            state.Ruling = new RulingRecord(ruling.KbId.Value, ruling.Signer, ruling.ExpiresUtc);
        }
    }

    /// <summary>Resuming into phase 7 or 8 after a crash: the janitor turned the flag off, so raise it again under the ruling.</summary>
    private async Task RaiseFlagForResumeAsync(RunContext context, int next, CancellationToken cancellationToken)
    {
        var rulingKbId = GateConsumption.RequireLiveRuling(context, next);
        await using var connection = await _services.Store.OpenAsync(Lane.Exec, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await RunStore.EnableFlagAsync(connection, transaction, context.RunId, rulingKbId, context.Now, cancellationToken))
        {
            throw new StopException(StopCodes.ExecutionFlagRefused, "__execution_enabled__ is held by another run", context.RunId, next);
        }
        await transaction.CommitAsync(cancellationToken);
        context.FlagRaisedHere = true;
    }

    private async Task LowerFlagAsync(RunContext context)
    {
        try
        {
            await using var connection = await _services.Store.OpenAsync(Lane.Exec, CancellationToken.None);
            if (await RunStore.DisableFlagAsync(connection, null, context.RunId, context.Now, CancellationToken.None))
            {
                Log.LogWarning("run {RunId}: execution flag turned off on exit", context.RunId);
            }
            context.FlagRaisedHere = false;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            Log.LogError(ex, "run {RunId}: could not turn the execution flag off; the next cutter start will", context.RunId);
        }
    }

    /// <summary>For a live run the phase ledger is the truth: adopt ledger rows state.json missed, refuse state claims the ledger lacks.</summary>
    private async Task ReconcileWithLedgerAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (context.Mode != RunMode.Live) return;
        IReadOnlyList<LedgerRow> ledger;
        await using (var connection = await _services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            ledger = await RunStore.ReadLedgerAsync(connection, context.RunId, cancellationToken);
        }
        var inLedger = ledger.ToDictionary(l => l.PhaseNo);
        foreach (var phase in context.State.Phases)
        {
            var has = inLedger.TryGetValue(phase.Number, out var row);
            if (has && phase.Result != "passed")
            {
                context.State.Warnings.Add($"state.json was behind the phase ledger at phase {phase.Number} ({phase.Result}); the ledger wins");
                Log.LogWarning("run {RunId}: state.json was behind the ledger at phase {Phase}; adopting the ledger", context.RunId, phase.Number);
                phase.Result = "passed";
                phase.StartedUtc = row!.StartedAt;
                phase.FinishedUtc = row.FinishedAt;
                phase.RowsWritten = row.RowsWritten;
                phase.Detail = (phase.Detail is null ? "" : phase.Detail + "; ") + "recovered from the phase ledger";
            }
        }
        var findings = await Escalation.TornWriteDetector.DetectAsync(context, inLedger.Keys, cancellationToken);
        if (findings.Count > 0)
        {
            Save(context.State);
            var request = await new Escalation.RunEscalation(_services).RequestAsync(context.RunId, Escalation.EscalationActions.Compensate, string.Join("; ", findings), cancellationToken);
            var detail = string.Join("; ", findings) + $"; SG_3 compensation requested as {request}";
            var stopped = _services.Sidecar.Load(context.RunId);
            stopped.Stop = new StopRecord(StopCodes.TornWrite.Code, detail, null, StopCodes.TornWrite.Terminal, context.Now);
            if (stopped.Status != RunStatus.Stopped.WireName()) Transition(stopped, RunStatus.Stopped);
            Save(stopped);
            Index(stopped, "stopped", $"{StopCodes.TornWrite.Code}: {detail}");
            throw new StopException(StopCodes.TornWrite, detail, context.RunId);
        }
    }

    private void RestorePlan(RunContext context)
    {
        if (context.State.Phases[1].Result != "passed") return;
        var path = Path.Combine(context.RunFolder, P02SourceSnapshot.SnapshotFileName);
        var raw = File.ReadAllBytes(path);
        if (Sha256Hex.Of(raw).Value != context.State.SourceSha)
        {
            throw new StopException(StopCodes.StateMismatch, $"{path} no longer hashes to the pinned source sha {context.State.SourceSha}", context.RunId, 2);
        }
        context.Source = KbDocumentReader.Read(KbDocId.Parse(context.State.Document.KbId), raw, null, path);
        if (context.State.Phases[2].Result != "passed") return;
        context.Plan = _services.Discoverer.Discover(context.Source);
        var planned = VersionedHash.Parse(context.State.PayloadSha, HashForms.Payload.Family, "state.json payload_sha");
        if (planned.CompareWith(context.Plan.PayloadSha) == HashComparison.DifferentForms)
        {
            throw new StopException(StopCodes.HashFormMismatch,
                $"the run was planned with a {planned.Form} payload sha and this Cutter cuts in {context.Plan.PayloadSha.Form}; resume it with the release that planned it", context.RunId, 3);
        }
        if (!planned.Matches(context.Plan.PayloadSha, "payload sha"))
        {
            throw new StopException(StopCodes.StateMismatch, $"the pinned source now cuts to payload {context.Plan.PayloadSha}, the run was planned with {context.State.PayloadSha}", context.RunId, 3);
        }
    }

    private async Task RefuseIfDocumentHeldAsync(KbDocId documentId, RunId runId, CancellationToken cancellationToken)
    {
        var openHere = _services.Sidecar.LoadAll().Where(s => s.Document.KbId == documentId.Value && s.Mode == nameof(RunMode.Live)
            && !ParseStatus(s.Status).IsTerminal()).Select(s => $"{s.RunId} ({s.Status})").ToArray();
        IReadOnlyList<(RunId RunId, string State)> openInStore;
        await using (var connection = await _services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            openInStore = await RunStore.OpenRunsOfDocumentAsync(connection, documentId, cancellationToken);
        }
        var holders = openHere.Concat(openInStore.Select(o => $"{o.RunId} ({o.State})")).Distinct(StringComparer.Ordinal).ToArray();
        if (holders.Length > 0)
        {
            throw new StopException(StopCodes.DocumentLocked, $"{documentId} is held by an unfinished live run: {string.Join(", ", holders)}", runId);
        }
    }

    private async Task RecoverFlagAsync(CancellationToken cancellationToken)
    {
        if (await ExecutionFlagJanitor.RecoverAsync(_services.Store, _services.Time, Log, cancellationToken) is { } message)
        {
            _services.Sidecar.AppendIndex(new RunIndexEntry(_services.Time.GetUtcNow(), "-", "flag_recovered", "-", "-", null, "-", null, message));
        }
    }

    /// <summary>The gate whose approval phase <paramref name="next"/> needs before it may run: SG_1 for 5-6 (consumed in 6), SG_2 for 10.</summary>
    private static string? GateAt(int next) => next switch
    {
        5 or 6 => GateNames.CutAuthorization,
        10 => GateNames.LifecycleAuthorization,
        _ => null,
    };

    private static RunStatus ParseStatus(string wire) => RunStatusTransitions.Parse(wire);

    private static void Transition(RunState state, RunStatus to) => state.TransitionTo(to);

    /// <summary>A lock taken over from a dead holder is logged (by the lock), kept in the run's warnings and written to the runs index.</summary>
    private void RecordTakeover(RunState state, string message) => _services.Sidecar.RecordLockTakeover(state, message, _services.Time.GetUtcNow());

    private void Save(RunState state) => _services.Sidecar.Save(state);

    private void Index(RunState state, string @event, string? detail) => _services.Sidecar.AppendEvent(state, @event, detail, _services.Time.GetUtcNow());
}
