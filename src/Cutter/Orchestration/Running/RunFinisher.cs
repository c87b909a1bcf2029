using Cutter.Domain;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.Reports.Html;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Orchestration.Audit;
using Cutter.Store.Audit;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Running;

/// <summary>
/// The end of a run that went through every phase it has: <c>dry_run_complete</c>, <c>simulated</c>, or, live,
/// <c>closeout_reported</c> with the closeout doc that pins the summary sha and the log's head, signed by the runner, and a signed closeout checkpoint.
/// </summary>
internal sealed class RunFinisher(OrchestratorServices services, RunJournal journal)
{
    private readonly CheckpointWriter _checkpoints = new(services);

    public async Task FinishAsync(RunContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        IReadOnlyList<ChainHead> heads = [];
        switch (context.Mode)
        {
            case RunMode.DryRun:
                state.TransitionTo(RunStatus.DryRunComplete);
                break;
            case RunMode.Simulate:
                state.TransitionTo(RunStatus.Simulated);
                break;
            default:
                state.FinalState = RunStatus.CloseoutReported;
                state.TransitionTo(RunStatus.CloseoutReported);
                var summarySha = CloseoutSummary.Sha(state);
                state.CloseoutSummarySha = summarySha;
                await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
                {
                    // The heads as the run leaves them, read (O(run)), not walked: the closeout doc pins every audit
                    // row written up to here, and the post-run verification recomputes them.
                    heads = await ChainVerifier.ReadHeadsAsync(connection, services.Sidecar.IndexPath, cancellationToken);
                }
                var closeout = await journal.UploadAsync(context.RunId, RunDocuments.Closeout(state, summarySha, heads), $"{context.RunId}/closeout", 11, cancellationToken);
                state.CloseoutKbId = closeout.Value;
                await _checkpoints.SignCloseoutAsync(closeout, cancellationToken);
                await _checkpoints.WriteAsync(context.RunId, "closeout", onlyIfMoved: false, cancellationToken);
                break;
        }
        state.UpdatedUtc = context.Now;
        journal.Save(state);
        // Without checks yet: `cutter verify` rewrites the page with them.
        var report = await RunPages.WriteRunReportAsync(context.RunFolder, new RunReportModel(state, heads, Verification: null));
        journal.Event(state, "finished", state.CloseoutSummarySha is null ? null : $"closeout {state.CloseoutKbId}, summary sha256 {state.CloseoutSummarySha}");
        services.Logger.LogInformation("run {RunId}: {Status}; run report {Path}", context.RunId, state.Status.WireName(), report);
    }
}
