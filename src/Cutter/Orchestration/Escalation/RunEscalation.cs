using Cutter.Domain.Hashing;
using Cutter.Domain;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.Gates;
using Cutter.Orchestration.Locks;
using Cutter.Orchestration.Reports;
using Cutter.Orchestration.State;
using Cutter.Store;
using Cutter.Store.Writes;
using Microsoft.Extensions.Logging;

namespace Cutter.Orchestration.Escalation;

/// <summary>
/// SG_3: per-document revert of a finished run, and compensation of a torn one. Both are two steps: a request
/// that binds (run, action, sha of the target document's current rows), then, with the signed approval, one
/// transaction that records the review decision and deletes exactly that run's units, versions and lifecycle rows
/// under a revert authorization. Review decisions, the ledger, the run row and the runs index are never touched.
/// </summary>
internal sealed class RunEscalation(OrchestratorServices services)
{
    public async Task<KbDocId> RequestAsync(RunId runId, string action, string? reason, CancellationToken cancellationToken)
    {
        var state = services.Sidecar.Load(runId);
        RequireActionFits(state, action);
        await using (var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken))
        {
            await RequireLatestAsync(connection, null, runId, action, cancellationToken);
        }
        var stateSha = await TargetStateShaAsync(state, cancellationToken);
        var summary = $"# SG_3 {action} requested for run {runId}\n\n"
            + (action == EscalationActions.Revert
                ? $"Deletes the {state.CandidateCount} units, versions and lifecycle rows run {runId} wrote for {state.Document.Code}, restoring its pre-run state. "
                : $"Restores the pre-run state of {state.Document.Code} after a torn write and ends run {runId}. ")
            + $"Binds the current state of the target rows, sha256 {stateSha}.\n" + (reason is null ? "" : $"\nReason: {reason}\n");
        var raw = ApprovalRequest.ForEscalation(runId, action, stateSha, summary).ToBytes();
        var id = await services.Kb.CreateAsync(raw, $"{runId}/request-SG_3-{action}-{stateSha.Hex[..16]}", cancellationToken);
        var record = state.Gates.GetValueOrDefault(ApprovalGate.Sg3EscalationAuthz) ?? new GateRecord { Gate = ApprovalGate.Sg3EscalationAuthz };
        record.RequestKbId = id.Value;
        record.ApprovalKbId = null;
        state.Gates[ApprovalGate.Sg3EscalationAuthz] = record;
        state.UpdatedUtc = services.Time.GetUtcNow();
        services.Sidecar.Save(state);
        Index(state, "escalation_requested", $"SG_3 {action} requested as {id}");
        return id;
    }

    public async Task<RunState> ExecuteAsync(RunId runId, string action, KbDocId approvalKbId, CancellationToken cancellationToken)
    {
        var state = services.Sidecar.Load(runId);
        RequireActionFits(state, action);
        var document = KbDocId.Parse(state.Document.KbId);
        await using var documentLock = await DocumentLock.AcquireAsync(services.Settings.GlobalLocksDir, services.Store, document, runId, services.Time, services.Logger,
            message => services.Sidecar.RecordLockTakeover(state, message, services.Time.GetUtcNow()), cancellationToken);
        var stateSha = await TargetStateShaAsync(state, cancellationToken);
        var requestId = state.Gates.GetValueOrDefault(ApprovalGate.Sg3EscalationAuthz)?.RequestKbId;
        var approval = await services.Gates.VerifyApprovalAsync(
            new GateRequest(ApprovalGate.Sg3EscalationAuthz, runId, VersionedHash.ParsePayload(state.PayloadSha ?? new string('0', 64), "state.json payload_sha"), state.CandidateCount ?? 0,
                requestId is null ? null : KbDocId.Parse(requestId), action, stateSha),
            approvalKbId, cancellationToken);

        var now = services.Time.GetUtcNow();
        var deleted = await PhaseTransaction.RunAsync(services.Store, services.Logger, runId, null, async (connection, transaction) =>
        {
            // One call records the SG_3 decision with its evidence and creates the authorization (bound to this
            // transaction, ten minutes, single use) and raises the run's flag; finishing consumes it and ends the run.
            // Checked again here, under the document lock and in the revert's own transaction: a later run may have
            // enacted since the request was made.
            await RequireLatestAsync(connection, transaction, runId, action, cancellationToken);
            try
            {
                return await RevertStore.DeleteRunRowsAsync(connection, transaction,
                    Phases.GateConsumption.ToDecisionRow(approval, runId, state.PayloadSha), action, stateSha.ToString(), now, cancellationToken);
            }
            catch (Npgsql.PostgresException ex) when (GovernedWriteRefusal.Is(ex))
            {
                throw new StopException(StopCodes.ExecutionFlagRefused, $"SG_3 {action} refused by the store ({ex.SqlState}): {ex.MessageText}", runId);
            }
        }, cancellationToken);

        var before = state.PreRunSnapshot?.Documents.FirstOrDefault(d => d.KbId == state.Document.KbId);
        var after = await TargetFootprintAsync(state, before?.ContentHash.Form ?? HashForms.Footprint, cancellationToken);
        var restored = (after?.Units ?? 0) == (before?.Units ?? 0) && (after?.Versions ?? 0) == (before?.Versions ?? 0)
            && (before is null ? (after?.Units ?? 0) == 0 : after is not null && after.ContentHash.Matches(before.ContentHash, "target footprint"));
        var detail = $"{action}: deleted {deleted.Units} units, {deleted.Versions} versions, {deleted.LifecycleRows} lifecycle rows"
            + (deleted.RestoredVersions + deleted.RestoredUnits > 0 ? $", made {deleted.RestoredVersions} superseded versions current and {deleted.RestoredUnits} retired units enacted again" : "")
            + $" under SG_3 {approvalKbId}; "
            + (restored ? "target rows equal the pre-run snapshot" : "target rows DIFFER from the pre-run snapshot");
        var record = state.Gates.GetValueOrDefault(ApprovalGate.Sg3EscalationAuthz) ?? new GateRecord { Gate = ApprovalGate.Sg3EscalationAuthz };
        record.ApprovalKbId = approvalKbId.Value;
        record.ApprovalSha256 = approval.ApprovalSha256;
        record.ReviewDecisionId = approval.ReviewDecisionId.ToString("D");
        record.Signer = approval.Signer;
        record.SignedUtc = approval.SignedUtc;
        record.ConsumedUtc = now;
        state.Gates[ApprovalGate.Sg3EscalationAuthz] = record;
        var to = action == EscalationActions.Revert ? RunStatus.Reverted : RunStatus.Compensated;
        state.TransitionTo(to);
        state.FinalState = to;
        state.Stop = null;
        state.UpdatedUtc = now;
        state.Warnings.Add(detail);
        services.Sidecar.Save(state);
        await services.Kb.CreateAsync(ReportDocument.Render(
            [new("kind", "escalation_report"), new("run_id", runId.ToString()), new("action", action), new("approval", approvalKbId.Value), new("restored", restored ? "true" : "false")],
            $"# SG_3 {action} of run {runId}\n\n{detail}\n"), $"{runId}/escalation-{action}", cancellationToken);
        Index(state, action == EscalationActions.Revert ? "reverted" : "compensated", detail);
        // The revert's redactions, decision and run update are log entries like a phase's: a signed checkpoint covers them.
        await new Audit.CheckpointWriter(services).WriteAsync(runId, action, onlyIfMoved: true, cancellationToken);
        services.Logger.LogWarning("run {RunId}: {Detail}", runId, detail);
        if (!restored) throw new StopException(StopCodes.TornWrite, detail, runId);
        return state;
    }

    /// <summary>The sha an SG_3 approval binds: the target document's current rows as the server hashes them.</summary>
    public async Task<VersionedHash> TargetStateShaAsync(RunState state, CancellationToken cancellationToken) =>
        (await TargetFootprintAsync(state, HashForms.Footprint, cancellationToken))?.ContentHash ?? VersionedHash.Of(HashForms.Footprint, "");

    private async Task<DocumentFootprint?> TargetFootprintAsync(RunState state, HashForm form, CancellationToken cancellationToken)
    {
        await using var connection = await services.Store.OpenAsync(Lane.Verify, cancellationToken);
        return (await DocumentSurvey.ReadAsync(connection, form, cancellationToken)).FirstOrDefault(d => d.KbId == state.Document.KbId);
    }

    /// <summary>
    /// Only the latest run of a document that holds rows there can be reverted or compensated (STOP_REVERT_NOT_LATEST):
    /// an earlier one's units and versions are what a later amendment superseded, retired or built on.
    /// </summary>
    private static async Task RequireLatestAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction? transaction, RunId runId, string action, CancellationToken cancellationToken)
    {
        if (await RevertStore.FindLaterRunAsync(connection, transaction, runId, cancellationToken) is { } later)
        {
            throw new StopException(StopCodes.RevertNotLatest,
                $"{action} of run {runId} refused: run {later.RunId} ({later.State}, started {later.CreatedAt.UtcDateTime:O}) of the same document is later and still holds rows there; {action} it first",
                runId);
        }
    }

    private static void RequireActionFits(RunState state, string action)
    {
        var status = state.Status;
        var fits = action switch
        {
            EscalationActions.Revert => status == RunStatus.CloseoutReported,
            EscalationActions.Compensate => status is RunStatus.Stopped or RunStatus.Running or RunStatus.AwaitingSg1 or RunStatus.AwaitingSg2,
            _ => throw new InvalidInputException("action", $"'{action}' is neither {EscalationActions.Revert} nor {EscalationActions.Compensate}"),
        };
        if (!fits)
        {
            throw new InvalidInputException("run", $"{state.RunId} is {state.Status.WireName()}: {action} applies to "
                + (action == EscalationActions.Revert ? "a run that reached closeout_reported" : "an unfinished run (stopped, interrupted or waiting at a gate)"));
        }
        if (state.Mode != RunMode.Live) throw new InvalidInputException("run", $"{state.RunId} is a {state.Mode} run; it wrote nothing to {action}");
    }

    private void Index(RunState state, string @event, string? detail) => services.Sidecar.AppendEvent(state, @event, detail, services.Time.GetUtcNow());
}
