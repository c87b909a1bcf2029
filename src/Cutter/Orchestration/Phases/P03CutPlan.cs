using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 3: cut the pinned source into the candidate set and its payload sha. A document that already has enacted
/// units makes this an amendment run: the enacted state is read (raw rows, hashed here), diffed against the candidate
/// set, and the run's payload sha becomes the diff's (docs/amendments.md). Rows no finished run accounts for (drafts,
/// pending versions) stop the run.
/// </summary>
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
            var leftovers = await AmendmentStore.ReadLeftoversAsync(connection, null, existing.DocumentId, cancellationToken);
            if (leftovers.Any)
            {
                throw new StopException(StopCodes.TargetNotEmpty,
                    $"{plan.DocumentCode} holds {leftovers.DraftUnits} draft units and {leftovers.PendingVersions} unenacted versions of enacted units left by a run that never enacted them; compensate that run first",
                    context.RunId, Number);
            }
            if (leftovers.EnactedUnits > 0)
            {
                var enacted = await AmendmentStore.ReadEnactedAsync(connection, null, existing.DocumentId, cancellationToken);
                return PlanAmendment(context, plan, AmendmentPlan.Make(plan, enacted));
            }
        }
        return new PhaseOutcome(0, $"{plan.CandidateCount} candidate units, payload sha256 {plan.PayloadSha}");
    }

    private PhaseOutcome PlanAmendment(RunContext context, Cutting.CandidateSet plan, AmendmentPlan amendment)
    {
        if (amendment.Diff.IsEmpty)
        {
            throw new StopException(StopCodes.CutPlanInvalid,
                $"{plan.DocumentCode}: the new text is the enacted text ({amendment.EnactedSha}); there is nothing to amend", context.RunId, Number);
        }
        context.Amendment = amendment;
        context.State.PayloadSha = amendment.DiffSha.ToString();
        context.State.EnactedSha = amendment.EnactedSha.ToString();
        context.State.AmendmentCounts = new Dictionary<string, int>(amendment.Counts(), StringComparer.Ordinal);
        var counts = string.Join(", ", amendment.Counts().Select(pair => $"{pair.Value} {pair.Key}"));
        return new PhaseOutcome(0, $"amendment of {amendment.Enacted.Count} enacted units by {plan.CandidateCount} candidate units: {counts}; "
            + $"enacted state {amendment.EnactedSha}, payload (diff) {amendment.DiffSha}");
    }
}
