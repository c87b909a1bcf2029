using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Knowledge;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Store;
using Npgsql;

namespace Cutter.Orchestration;

/// <summary>Everything one run's phases share: its state, its plan, the services, and its transaction scope.</summary>
public sealed class RunContext
{
    internal RunContext(OrchestratorServices services, RunState state)
    {
        Services = services;
        State = state;
        RunId = RunId.Parse(state.RunId);
        Mode = state.Mode;
    }

    public OrchestratorServices Services { get; }
    public RunState State { get; }
    public RunId RunId { get; }
    public RunMode Mode { get; }
    public DateTimeOffset Now => Services.Time.GetUtcNow();
    public string RunFolder => Services.Sidecar.RunFolder(RunId);

    /// <summary>The source document as pinned in phase 2.</summary>
    public KbDocument? Source { get; internal set; }

    /// <summary>The candidate set from phase 3 (rebuilt from the pinned source on resume).</summary>
    public CandidateSet? Plan { get; internal set; }

    /// <summary>An amendment run's diff against the enacted state (phase 3; rebuilt on resume until phase 10 has enacted it).</summary>
    internal Cutting.Amendments.AmendmentPlan? Amendment { get; set; }

    /// <summary>The sha the SG_1 approval and the run row bind: the diff's for an amendment run, the candidate set's otherwise.</summary>
    internal Domain.Hashing.VersionedHash BoundPayloadSha => Amendment?.DiffSha ?? RequirePlan().PayloadSha;

    public CandidateSet RequirePlan() => Plan ?? throw new CutterException($"run {RunId}: the cut plan is not available (phase 3 has not run)");

    /// <summary>Approvals verified in this process and not yet consumed by the phase that records them.</summary>
    public Dictionary<ApprovalGate, ConsumableApproval> VerifiedApprovals { get; } = new();

    /// <summary>The execution ruling verified in this process.</summary>
    public ActiveRuling? Ruling { get; internal set; }

    /// <summary>Simulate: the one transaction phases 6-11 share, rolled back at the end.</summary>
    internal (NpgsqlConnection Connection, NpgsqlTransaction Transaction)? Simulation { get; set; }

    /// <summary>True once this process turned the execution flag on for this run (so every exit path turns it off).</summary>
    internal bool FlagRaisedHere { get; set; }

    public PhaseRecord PhaseRecord(int number) => State.Phases.Single(p => p.Number == number);

    public void Report(int phase, string name, long done, long total) =>
        Services.Progress?.Report(new PhaseProgress(phase, name, done, total));

    /// <summary>
    /// Runs a mutating phase's work as one transaction that also writes the phase's ledger row. Live commits;
    /// Simulate runs the same SQL in the shared transaction that is rolled back after phase 11.
    /// </summary>
    public async Task<long> InPhaseTransactionAsync(int phase, string phaseName, Func<NpgsqlConnection, NpgsqlTransaction, Task<long>> work, CancellationToken cancellationToken)
    {
        var started = Now;
        if (Simulation is { } shared)
        {
            // A simulation's one transaction takes the locks at its first phase and keeps them; taking them again is a no-op.
            await Store.Writes.LockOrder.TakeAsync(shared.Connection, shared.Transaction, RunId, cancellationToken);
            var simulatedRows = await work(shared.Connection, shared.Transaction);
            await Store.Writes.RunStore.InsertLedgerAsync(shared.Connection, shared.Transaction, RunId, phase, phaseName, simulatedRows, started, Now, cancellationToken);
            return simulatedRows;
        }
        if (Mode != RunMode.Live)
        {
            throw new CutterException($"run {RunId}: phase {phase} writes the store and the run is {Mode}");
        }
        var rows = await PhaseTransaction.RunAsync(Services.Store, Services.Logger, RunId, phase, async (connection, transaction) =>
        {
            var written = await work(connection, transaction);
            await Store.Writes.RunStore.InsertLedgerAsync(connection, transaction, RunId, phase, phaseName, written, started, Now, cancellationToken);
            Services.Observer?.At(new RunPoint(RunPointKind.BeforeCommit, phase));
            return written;
        }, cancellationToken);
        Services.Observer?.At(new RunPoint(RunPointKind.AfterCommit, phase));
        return rows;
    }
}
