using Cutter.Domain;
using Cutter.Knowledge;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.State;

namespace Cutter.Verification.Checks;

/// <summary>The runs index has this run's <c>finished</c> entry, and the closeout doc state.json names exists in the KB and is this run's.</summary>
internal sealed class RunsIndexAndCloseoutCheck : IVerificationCheck
{
    public string Name => VerificationChecks.RunsIndexAndCloseout;
    public string Proves => "the run's end was recorded where operators look: the runs index and the KB closeout doc";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var want = RunStatus.CloseoutReported.WireName();
        var finished = context.Sidecar.ReadIndex().Where(e => e.RunId == context.State.RunId && e.Event == "finished").ToArray();
        if (finished.Length != 1 || finished[0].Status != want)
        {
            problems.Add($"runs index has {finished.Length} finished entries for the run ({string.Join(", ", finished.Select(f => f.Status))})");
        }

        var closeoutId = context.State.CloseoutKbId;
        if (closeoutId is null) problems.Add("state.json names no closeout doc");
        else
        {
            try
            {
                var doc = await context.Kb.GetAsync(KbDocId.Parse(closeoutId), cancellationToken);
                if (doc.FrontMatter.GetValueOrDefault("kind") != RunDocuments.CloseoutKind || doc.FrontMatter.GetValueOrDefault("run_id") != context.State.RunId)
                {
                    problems.Add($"{closeoutId} is not this run's closeout (kind {doc.FrontMatter.GetValueOrDefault("kind")}, run {doc.FrontMatter.GetValueOrDefault("run_id")})");
                }
            }
            catch (KbDocumentNotFoundException)
            {
                problems.Add($"closeout doc {closeoutId} is not in the KB");
            }
        }
        return CheckResult.Of(Name, $"one runs-index 'finished' entry ({want}); closeout doc {closeoutId ?? "(named in state.json)"} in the KB",
            problems.Count == 0 ? $"finished entry present; {closeoutId} is the run's closeout" : string.Join("; ", problems),
            problems.Count == 0);
    }
}
