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

    /// <summary>What the benchmark stores as an approval's signature: the store requires one, the benchmark never verifies it.</summary>
    internal const string StandInSignature = "stand-in signature: the benchmark measures writes, not signature checks";

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
            // The store keeps a decision's evidence and checks that the bytes hash to the approval sha (0009); it cannot
            // check the signature, so a stand-in string serves here.
            var document = System.Text.Encoding.UTF8.GetBytes($"benchmark {gate.WireName()} {runId}");
            context.VerifiedApprovals[gate] = new ConsumableApproval(KbDocId.Parse(gate == ApprovalGate.Sg1CutAuthz ? "KB-9991" : "KB-9992"), gate,
                Guid.NewGuid(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document)), "benchmark", time.GetUtcNow(), ruling)
            {
                Evidence = new ApprovalEvidence(document, StandInSignature),
            };
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
    public async Task<long> EnactAsync(CancellationToken cancellationToken = default)
    {
        await PauseAtSg2Async(cancellationToken);
        return (await new P10Enact().ExecuteAsync(_context, cancellationToken)).RowsWritten;
    }

    /// <summary>The measured region: phases 7, 8 and 10 as the runner executes them.</summary>
    public async Task<long> WriteAsync(CancellationToken cancellationToken = default)
    {
        var units = await new P07WriteUnits().ExecuteAsync(_context, cancellationToken);
        var versions = await new P08WriteVersions().ExecuteAsync(_context, cancellationToken);
        await PauseAtSg2Async(cancellationToken);
        var enact = await new P10Enact().ExecuteAsync(_context, cancellationToken);
        return units.RowsWritten + versions.RowsWritten + enact.RowsWritten;
    }

    /// <summary>The run row at the SG_2 gate, as the runner's pause leaves it (one small transaction).</summary>
    private async Task PauseAtSg2Async(CancellationToken cancellationToken)
    {
        await using var connection = await _context.Services.Store.OpenAsync(Cutter.Store.Lane.Exec, cancellationToken);
        await BaselineWrites.AwaitSg2Async(connection, _context.RunId, cancellationToken);
    }
}
