using Cutter.Rehearsal.Disposable;
using Cutter.Configuration;
using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;
using Cutter.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// Drives the product's own phases 7, 8 and 10 against one store database, exactly as the runner does (one
/// transaction per phase with its ledger row, under the execution flag, on the exec lane). <see cref="PrepareAsync"/>
/// runs phase 6 (register the document, record the run, raise the flag, consume SG_1) outside the measured region;
/// the gate approvals and the ruling are stand-ins because the benchmark measures writes, not signature checks.
/// </summary>
internal sealed class LiveWriteHarness
{
    private readonly RunContext _context;

    private LiveWriteHarness(RunContext context) => _context = context;

    public RunId RunId => _context.RunId;

    public static async Task<LiveWriteHarness> PrepareAsync(StoreDatabase store, CandidateSet plan, string sidecarRoot, CancellationToken cancellationToken = default)
    {
        var runId = RunId.New();
        var time = TimeProvider.System;
        // Phases 6-10 touch only the store connector, the clock and (for progress) the optional reporter; the other
        // collaborators belong to phases the benchmark does not run.
        var services = new OrchestratorServices(new OrchestratorSettings(), new SidecarStore(sidecarRoot), Kb: null!, Discoverer: null!,
            new LaneConnector(store.ConnectionString), Gates: null!, Backup: null!, Prechecks: null!, time, NullLogger.Instance);
        var state = new RunState
        {
            RunId = runId.ToString(),
            Mode = RunMode.Live,
            Actor = "benchmark",
            Document = new DocumentRef(plan.KbId.Value, plan.DocumentCode.Value, plan.Title),
            CreatedUtc = time.GetUtcNow(),
            PayloadSha = plan.PayloadSha.ToString(),
            CandidateCount = plan.CandidateCount,
            Phases = PhaseCatalog.All.Select(p => new PhaseRecord { Number = p.Number, Name = p.Name, WritesProduction = p.WritesProduction }).ToList(),
        };
        var context = new RunContext(services, state) { Plan = plan };
        var ruling = KbDocId.Parse("KB-9990");
        context.Ruling = new ActiveRuling(ruling, runId, "benchmark", time.GetUtcNow().AddHours(1));
        foreach (var gate in new[] { ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz })
        {
            context.VerifiedApprovals[gate] = new ConsumableApproval(KbDocId.Parse(gate == ApprovalGate.Sg1CutAuthz ? "KB-9991" : "KB-9992"), gate,
                Guid.NewGuid(), Sha256Hex.Of($"benchmark {gate.WireName()} {runId}").Value, "benchmark", time.GetUtcNow(), ruling);
        }
        // Phase 6 only marks earlier phases in the ledger; leave 1-5 out so the run row is the only precondition.
        state.Phases.RemoveAll(p => p.Number < 6);
        await new P06ExecutionFlip().ExecuteAsync(context, cancellationToken);
        return new LiveWriteHarness(context);
    }

    /// <summary>Phases 7 and 8 (the draft units and versions): the setup of an enact-only measurement.</summary>
    public async Task WriteDraftAsync(CancellationToken cancellationToken = default)
    {
        await new P07WriteUnits().ExecuteAsync(_context, cancellationToken);
        await new P08WriteVersions().ExecuteAsync(_context, cancellationToken);
    }

    /// <summary>Phase 10 alone: enact the drafts, one lifecycle_log row per unit, the SG_2 decision and the ledger row.</summary>
    public async Task<long> EnactAsync(CancellationToken cancellationToken = default) =>
        (await new P10Enact().ExecuteAsync(_context, cancellationToken)).RowsWritten;

    /// <summary>The measured region: phases 7, 8 and 10 as the runner executes them.</summary>
    public async Task<long> WriteAsync(CancellationToken cancellationToken = default)
    {
        var units = await new P07WriteUnits().ExecuteAsync(_context, cancellationToken);
        var versions = await new P08WriteVersions().ExecuteAsync(_context, cancellationToken);
        var enact = await new P10Enact().ExecuteAsync(_context, cancellationToken);
        return units.RowsWritten + versions.RowsWritten + enact.RowsWritten;
    }
}
