using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;

namespace Cutter.Orchestration.Running;

/// <summary>
/// state.json is untrusted input: before a resume acts on it, its mode, status, candidate count, payload sha and
/// consumed gates are checked against the store's run row and review decisions (read on the verify lane). Any
/// disagreement is <see cref="StopCodes.StateMismatch"/> naming each field, before anything is written; a run the store
/// has no row for (it never reached phase 6) has nothing to check against.
/// </summary>
internal static class StoredRunCheck
{
    public static async Task CheckAsync(RunContext context, CancellationToken cancellationToken)
    {
        StoredRun? stored;
        await using (var connection = await context.Services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            stored = await RunStore.ReadStoredRunAsync(connection, context.RunId, cancellationToken);
        }
        if (stored is null) return;
        var state = context.State;
        var mismatches = new List<string>();
        var mode = state.Mode == RunMode.Live ? "live" : state.Mode == RunMode.Simulate ? "simulate" : WireNames<RunMode>.Of(state.Mode);
        if (mode != stored.Mode) mismatches.Add($"mode is {mode} in state.json, {stored.Mode} in the store");
        if (!StatusFits(state.Status, stored.State)) mismatches.Add($"status is {state.Status.WireName()} in state.json, {stored.State} in the store");
        if (state.CandidateCount != stored.CandidateCount) mismatches.Add($"candidate_count is {state.CandidateCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} in state.json, {stored.CandidateCount} in the store");
        if (state.PayloadSha != stored.PayloadSha) mismatches.Add($"payload_sha is {state.PayloadSha ?? "(none)"} in state.json, {stored.PayloadSha} in the store");
        foreach (var gate in new[] { ApprovalGate.Sg1CutAuthz, ApprovalGate.Sg2LifecycleAuthz })
        {
            var recorded = state.Gates.GetValueOrDefault(gate)?.ReviewDecisionId;
            var inStore = stored.Decisions.TryGetValue(gate.WireName(), out var id) ? id.ToString("D") : null;
            // A decision the store holds and state.json lacks is state.json behind a crash (adopted like the ledger);
            // one state.json claims that the store does not hold, or holds under another id, is a mismatch.
            if (recorded is not null && !string.Equals(recorded, inStore, StringComparison.OrdinalIgnoreCase))
            {
                mismatches.Add($"gates.{gate.WireName()} review decision is {recorded ?? "(none)"} in state.json, {inStore ?? "(none)"} in the store");
            }
        }
        if (mismatches.Count > 0)
        {
            throw new StopException(StopCodes.StateMismatch, "state.json disagrees with the store: " + string.Join("; ", mismatches), context.RunId);
        }
    }

    /// <summary>
    /// The run states state.json may show for a run row in <paramref name="stored"/>: the row's own, stopped, or the
    /// state just before the row's last commit (state.json is saved after the commit, so a crash leaves it one behind).
    /// </summary>
    private static bool StatusFits(RunStatus status, string stored) => status == RunStatus.Stopped || stored switch
    {
        "running" => status is RunStatus.Running or RunStatus.AwaitingSg1 or RunStatus.AwaitingSg2,
        "awaiting_SG_2" => status is RunStatus.AwaitingSg2 or RunStatus.Running,
        "closeout_reported" => status is RunStatus.CloseoutReported or RunStatus.Running,
        _ => status.WireName() == stored,
    };
}
