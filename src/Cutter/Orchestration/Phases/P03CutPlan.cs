using Cutter.Domain;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>Phase 3: cut the pinned source into the candidate set and its payload sha; the target must hold no units yet.</summary>
internal sealed class P03CutPlan : IPhase
{
    public int Number => 3;
    public string Name => "cut_plan";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var source = context.Source ?? throw new CutterException("phase 3 needs the source snapshot of phase 2");
        var plan = context.Services.Discoverer.Discover(source);
        context.Plan = plan;
        context.State.PayloadSha = plan.PayloadSha.ToString();
        context.State.CandidateCount = plan.CandidateCount;
        context.State.Document = context.State.Document with { Code = plan.DocumentCode.Value, Title = plan.Title };
        context.State.UnitKindCounts = plan.Units.GroupBy(u => u.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.LongCount(), StringComparer.Ordinal);

        await using var connection = await context.Services.Store.OpenAsync(Lane.Verify, cancellationToken);
        if (await RunStore.FindDocumentAsync(connection, null, plan.DocumentCode, cancellationToken) is { } existing)
        {
            if (existing.KbId != plan.KbId.Value)
            {
                throw new StopException(StopCodes.CutPlanInvalid,
                    $"document code {plan.DocumentCode} is registered to {existing.KbId}, not {plan.KbId}", context.RunId, Number);
            }
            var units = await RunStore.CountUnitsAsync(connection, null, existing.DocumentId, cancellationToken);
            if (units > 0)
            {
                throw new StopException(StopCodes.TargetNotEmpty,
                    $"{plan.DocumentCode} already holds {units} units; a run writes a document that holds none (revert the earlier run first)", context.RunId, Number);
            }
        }
        return new PhaseOutcome(0, $"{plan.CandidateCount} candidate units, payload sha256 {plan.PayloadSha}");
    }
}
