using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Knowledge;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;

namespace Cutter.Orchestration.Running;

/// <summary>
/// A resumed run rebuilds what phases 2 and 3 held in memory: the source from the pinned <c>source.md</c> (it must
/// still hash to the pinned sha) and the cut plan from that source (it must still cut to the pinned payload sha).
/// </summary>
internal static class PlanRestore
{
    public static void Restore(RunContext context)
    {
        if (context.State.Phases[1].Result != PhaseResult.Passed) return;
        var path = Path.Combine(context.RunFolder, P02SourceSnapshot.SnapshotFileName);
        var raw = File.ReadAllBytes(path);
        if (Sha256Hex.Of(raw).Value != context.State.SourceSha)
        {
            throw new StopException(StopCodes.StateMismatch, $"{path} no longer hashes to the pinned source sha {context.State.SourceSha}", context.RunId, 2);
        }
        context.Source = KbDocumentReader.Read(KbDocId.Parse(context.State.Document.KbId), raw, null, path);
        if (context.State.Phases[2].Result != PhaseResult.Passed) return;
        context.Plan = context.Services.Discoverer.Discover(context.Source);
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
}
