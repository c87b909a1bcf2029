using System.Globalization;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Reports;
using Cutter.Store;

namespace Cutter.Verification.Checks;

/// <summary>
/// The state.json fields nothing else re-derives are checked against what holds them independently: each gate's
/// signer, approval and decision against its <c>review_decision</c> row; each phase's rows written against its
/// <c>phase_ledger</c> row; candidate count and payload sha against the <c>run</c> row; the backup's sha and size
/// against the backup file; and the closeout summary sha, recomputed from state.json, against the one state.json
/// records and the one in the closeout doc in the KB. An edited field is named.
/// </summary>
internal sealed class StateCrossCheck : IVerificationCheck
{
    public string Name => VerificationChecks.StateCrossCheck;
    public string Proves => "state.json's signers, rows written, backup and closeout summary are what the store, the backup file and the KB say";

    public async Task<CheckResult> RunAsync(VerificationContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        var runId = context.RunId.Value;
        var problems = new List<string>();

        var decisions = (await StateEvidenceReads.ReadDecisionEvidenceAsync(context.VerifyConnection, runId, cancellationToken)).ToDictionary(d => d.ReviewDecisionId);
        foreach (var gate in state.Gates.Values.OrderBy(g => g.Gate.WireName(), StringComparer.Ordinal))
        {
            var name = gate.Gate.WireName();
            if (!Guid.TryParse(gate.ReviewDecisionId, out var id) || !decisions.TryGetValue(id, out var row))
            {
                problems.Add($"{name}: state.json names decision {gate.ReviewDecisionId ?? "(none)"}, which the store does not hold for the run");
                continue;
            }
            if (row.Gate != name) problems.Add($"{name}: decision {id:D} is for {row.Gate} in the store");
            if (gate.Signer != row.Signer) problems.Add($"{name}: state.json signer {gate.Signer ?? "(none)"}, review_decision signer {row.Signer}");
            if (gate.ApprovalKbId != row.ApprovalKbId) problems.Add($"{name}: state.json approval {gate.ApprovalKbId ?? "(none)"}, review_decision approval {row.ApprovalKbId}");
            if (gate.ApprovalSha256 is { } sha && sha != row.ApprovalSha256) problems.Add($"{name}: state.json approval_sha256 {sha}, review_decision {row.ApprovalSha256}");
        }

        var ledger = await StateEvidenceReads.ReadLedgerRowsWrittenAsync(context.VerifyConnection, runId, cancellationToken);
        foreach (var phase in state.Phases)
        {
            if (ledger.TryGetValue(phase.Number, out var written) && written != phase.RowsWritten)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"phase {phase.Number} {phase.Name}: state.json rows_written {phase.RowsWritten}, phase_ledger {written}"));
            }
        }

        if (await VerificationReads.ReadRunAsync(context.VerifyConnection, runId, cancellationToken) is { } run)
        {
            if (run.CandidateCount != state.CandidateCount) problems.Add(string.Create(CultureInfo.InvariantCulture, $"state.json candidate_count {state.CandidateCount}, run table {run.CandidateCount}"));
            if (!SamePayload(state.PayloadSha, run.PayloadSha)) problems.Add($"state.json payload_sha {state.PayloadSha ?? "(none)"}, run table {run.PayloadSha}");
        }

        if (state.Backup is { } backup)
        {
            if (!File.Exists(backup.File)) problems.Add($"backup {backup.File}: not there");
            else
            {
                var info = new FileInfo(backup.File);
                VersionedHash actual;
                using (var stream = File.OpenRead(backup.File)) actual = VersionedHash.OfStream(HashForms.Bytes, stream);
                var recorded = VersionedHash.Parse(backup.Sha256, HashForms.Bytes.Family, "state.json backup.sha256");
                if (!actual.Matches(recorded, "backup file")) problems.Add($"backup {backup.File}: state.json sha256 {recorded}, the file is {actual}");
                if (info.Length != backup.Bytes) problems.Add(string.Create(CultureInfo.InvariantCulture, $"backup {backup.File}: state.json bytes {backup.Bytes}, the file has {info.Length}"));
            }
        }

        var recomputed = RecomputedSummarySha(state);
        if (state.CloseoutSummarySha != recomputed)
        {
            problems.Add($"closeout summary sha recomputed from state.json is {recomputed}, state.json records {state.CloseoutSummarySha ?? "(none)"}");
        }
        if (state.CloseoutKbId is { } closeoutId)
        {
            var inKb = (await context.Kb.GetAsync(KbDocId.Parse(closeoutId), cancellationToken)).FrontMatter.GetValueOrDefault("summary_sha");
            if (inKb != recomputed) problems.Add($"closeout summary sha recomputed from state.json is {recomputed}, closeout doc {closeoutId} records {inKb ?? "(none)"}");
        }

        const string expected = "state.json's gate signers and approvals, phase rows written, candidate count, payload sha, backup sha and size, and closeout summary sha agree with the store, the backup file and the closeout doc";
        return CheckResult.Of(Name, expected, problems.Count == 0 ? "all agree" : string.Join("; ", problems), problems.Count == 0);
    }

    private static bool SamePayload(string? state, string? store) =>
        state is not null && store is not null
        && VersionedHash.ParsePayload(state, "state.json payload_sha").Matches(VersionedHash.ParsePayload(store, "run.payload_sha"), "run payload sha");

    /// <summary>
    /// The closeout summary sha recomputed from state.json. The summary text holds the payload sha as state.json wrote
    /// it; a state file whose payload sha was rewritten between its tagged and untagged spelling (the same digest,
    /// docs/hashes.md) is recomputed in the spelling that gives the recorded sha, if either does.
    /// </summary>
    private static string RecomputedSummarySha(Orchestration.State.RunState state)
    {
        var asWritten = CloseoutSummary.Sha(state);
        if (asWritten == state.CloseoutSummarySha || state.PayloadSha is null) return asWritten;
        var payload = VersionedHash.ParsePayload(state.PayloadSha, "state.json payload_sha");
        foreach (var spelling in new[] { payload.ToString(), payload.Hex })
        {
            var copy = System.Text.Json.JsonSerializer.Deserialize<Orchestration.State.RunState>(
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, Orchestration.State.SidecarStore.Json), Orchestration.State.SidecarStore.Json)!;
            copy.PayloadSha = spelling;
            if (CloseoutSummary.Sha(copy) == state.CloseoutSummarySha) return state.CloseoutSummarySha;
        }
        return asWritten;
    }
}
