using Cutter.Cutting.Amendments;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Knowledge;
using Cutter.Orchestration.Phases;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Running;

/// <summary>
/// A resumed run rebuilds what phases 2 and 3 held in memory: the source from the pinned <c>source.md</c> (it must
/// still hash to the pinned sha) and the cut plan from that source (it must still cut to the pinned payload sha). An
/// amendment run not yet enacted also rebuilds its diff: the enacted state must still hash to the pinned one, and the
/// diff to the pinned payload.
/// </summary>
internal static class PlanRestore
{
    public static async Task RestoreAsync(RunContext context, CancellationToken cancellationToken)
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
        var planned = VersionedHash.ParsePayload(context.State.PayloadSha, "state.json payload_sha");
        if (context.State.EnactedSha is { } enactedSha)
        {
            await RestoreAmendmentAsync(context, planned, VersionedHash.Parse(enactedSha, HashForms.EnactedV1.Family, "state.json enacted_sha"), cancellationToken);
            return;
        }
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

    private static async Task RestoreAmendmentAsync(RunContext context, VersionedHash planned, VersionedHash enactedSha, CancellationToken cancellationToken)
    {
        // Once phase 10 has enacted the diff, the enacted state is the amended one and nothing after needs the diff.
        if (context.State.Phases[9].Result == PhaseResult.Passed) return;
        var plan = context.Plan!;
        await using var connection = await context.Services.Store.OpenAsync(Lane.Verify, cancellationToken);
        var document = await RunStore.FindDocumentAsync(connection, null, plan.DocumentCode, cancellationToken)
            ?? throw new StopException(StopCodes.StateMismatch, $"the amendment run's document {plan.DocumentCode} is no longer registered", context.RunId, 3);
        var amendment = AmendmentPlan.Make(plan, await AmendmentStore.ReadEnactedAsync(connection, null, document.DocumentId, cancellationToken));
        AmendmentPlan.RequireUnchanged(enactedSha, amendment.EnactedSha, context.RunId, 3);
        if (!planned.Matches(amendment.DiffSha, "amendment payload sha"))
        {
            throw new StopException(StopCodes.StateMismatch, $"the pinned source now diffs to {amendment.DiffSha}, the run was planned with {context.State.PayloadSha}", context.RunId, 3);
        }
        context.Amendment = amendment;
    }
}
