using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Phases;

/// <summary>
/// Phase 9: the draft invariants, computed by the server: exactly N units and N versions of this run, all draft,
/// every stored sha256 recomputed from its content in the form the version names, and the (address, sha) sequence
/// equal to the plan's.
/// An amendment run: its new units and versions, and each changed unit's next version and each move's succession
/// exactly as the diff says (<see cref="AmendmentDraftCheck"/>).
/// A live run then turns the flag off while it waits for SG_2.
/// </summary>
internal sealed class P09DraftVerify : IPhase
{
    public int Number => 9;
    public string Name => "draft_verify";
    public bool WritesProduction => false;

    public async Task<PhaseOutcome> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var plan = context.RequirePlan();
        var amendment = context.Amendment;
        var newUnits = amendment is null ? plan.Units : amendment.NewUnits.Select(change => change.After!).ToList();
        var expectedUnits = newUnits.Count;
        var expectedVersions = amendment?.VersionCount ?? plan.CandidateCount;
        var expectedPlanHash = PlanHash(newUnits);
        string detail = "";
        await context.InPhaseTransactionAsync(Number, Name, async (connection, transaction) =>
        {
            var found = await RunStore.ReadDraftInvariantsAsync(connection, transaction, context.RunId, HashForms.Content, cancellationToken);
            var broken = new List<string>();
            if (found.Units != expectedUnits) broken.Add($"units {found.Units} != planned {expectedUnits}");
            if (found.Versions != expectedVersions) broken.Add($"versions {found.Versions} != planned {expectedVersions}");
            if (found.NotDraft != 0) broken.Add($"{found.NotDraft} units are not draft");
            if (found.BadHashes != 0) broken.Add($"{found.BadHashes} versions whose content does not hash to content_sha256");
            if (found.UnitsWithoutVersion != 0) broken.Add($"{found.UnitsWithoutVersion} units without a version");
            if (found.UnknownForms.Versions != 0) broken.Add(found.UnknownForms.Describe());
            if (found.OtherFormVersions != 0) broken.Add($"{found.OtherFormVersions} versions hashed in a content form other than the plan's {HashForms.Content.Tag}");
            if (found.PlanHash is { } stored && stored != expectedPlanHash) broken.Add($"stored (address, sha) sequence hashes to {stored}, the plan to {expectedPlanHash}");
            if (amendment is not null) broken.AddRange(await AmendmentDraftCheck.ProblemsAsync(connection, transaction, context.RunId, amendment, cancellationToken));
            if (broken.Count > 0)
            {
                throw new StopException(StopCodes.InvariantFailed, string.Join("; ", broken), context.RunId, Number);
            }
            if (context.Mode == RunMode.Live)
            {
                await ExecutionFlag.LowerAsync(connection, transaction, context.RunId, cancellationToken);
                await RunStore.UpdateRunStateAsync(connection, transaction, context.RunId, RunStatus.AwaitingSg2.WireName(), context.Now, cancellationToken);
            }
            detail = $"{found.Units} units and {found.Versions} versions, all draft, hashes recomputed, sequence hash {found.PlanHash}";
            return 0;
        }, cancellationToken);
        if (context.Mode == RunMode.Live)
        {
            context.FlagRaisedHere = false;
            return new PhaseOutcome(0, detail + "; execution flag off while waiting for SG_2", PauseForGate: ApprovalGate.Sg2LifecycleAuthz);
        }
        return new PhaseOutcome(0, detail);
    }

    /// <summary>The plan's side of the sequence hash: sha256 of "address\tcontent_sha256" lines in ordinal order.</summary>
    public static string PlanHash(CandidateSet plan) => PlanHash(plan.Units);

    /// <summary>The sequence hash of the units a run writes (all candidates, or an amendment's new units).</summary>
    public static string PlanHash(IEnumerable<CandidateUnit> units) =>
        Sha256Hex.Of(string.Join('\n', units.OrderBy(u => u.Ordinal).Select(u => u.Address + "\t" + u.ContentSha256))).Value;
}
