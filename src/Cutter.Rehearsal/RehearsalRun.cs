using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Governance.Signatures;
using Cutter.Orchestration;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.State;
using Cutter.Rehearsal.Seeding;
using Microsoft.Extensions.Logging;

namespace Cutter.Rehearsal;

/// <summary>
/// The complete live path on a rehearsal environment, exactly as an operator drives it: cut, answer the SG_1
/// request and the ruling request with signed approvals, resume, answer SG_2, resume. The approvals go through
/// the same signature checks as production; only the key is throwaway.
/// </summary>
internal static class RehearsalRun
{
    public static async Task<RunState> RunAsync(RehearsalEnvironment environment, TimeProvider time, ILogger logger, IProgress<PhaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var services = OrchestratorFactory.Create(environment.Settings, environment.Access, environment.ReadEnvironment, time, logger, progress);
        var runner = new OrchestratorRunner(services);
        var key = SshSigningKey.Load(environment.Approver.PrivateKeyPath);
        var authoring = new ApprovalAuthoring(time);

        var state = await runner.CutAsync(SampleRegistry.TargetId, RunMode.Live, environment.Approver.Principal, cancellationToken);
        var runId = RunId.Parse(state.RunId);
        Require(state, RunStatus.AwaitingSg1);

        var sg1 = await authoring.ApproveAsync(services.Kb, KbDocId.Parse(state.Gates[ApprovalGate.Sg1CutAuthz].RequestKbId), key, environment.Approver.Principal, "Rehearsal: cut authorized.\n", cancellationToken);
        var ruling = await authoring.ApproveAsync(services.Kb, KbDocId.Parse(state.RulingRequestKbId), key, environment.Approver.Principal, "Rehearsal: execution flip authorized for this run.\n", cancellationToken);
        logger.LogInformation("rehearsal: signed SG_1 approval {Approval} and execution ruling {Ruling}", sg1, ruling);
        state = await runner.ResumeAsync(runId, sg1, ruling, cancellationToken);
        Require(state, RunStatus.AwaitingSg2);

        var sg2 = await authoring.ApproveAsync(services.Kb, KbDocId.Parse(state.Gates[ApprovalGate.Sg2LifecycleAuthz].RequestKbId), key, environment.Approver.Principal, "Rehearsal: enactment authorized.\n", cancellationToken);
        logger.LogInformation("rehearsal: signed SG_2 approval {Approval}", sg2);
        state = await runner.ResumeAsync(runId, sg2, null, cancellationToken);
        Require(state, RunStatus.CloseoutReported);
        return state;
    }

    /// <summary>
    /// The second act: the operator edits the enacted sample charter (<see cref="SampleKnowledgeBase.ReadAmended"/>) and
    /// runs the same verbs again, which makes an amendment run of the document the first act enacted.
    /// </summary>
    public static Task<RunState> AmendAsync(RehearsalEnvironment environment, TimeProvider time, ILogger logger, IProgress<PhaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var source = SampleKnowledgeBase.WriteAmendedTo(environment.Settings.KbRoot, SampleRegistry.TargetFileName);
        logger.LogInformation("rehearsal: second act: {Source} now holds the amended charter", source);
        return RunAsync(environment, time, logger, progress, cancellationToken);
    }

    private static void Require(RunState state, RunStatus expected)
    {
        if (state.Status != expected)
        {
            throw new CutterException($"rehearsal: run {state.RunId} is {state.Status.WireName()}, expected {expected.WireName()}");
        }
    }
}
