using Cutter.Domain.Hashing;
using Cutter.Domain;
using Npgsql;

namespace Cutter.Store.Writes;

/// <summary>A phase ledger row as read back from the store.</summary>
internal sealed record LedgerRow(int PhaseNo, string PhaseName, long RowsWritten, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>
/// What a consumed gate approval records in <c>cutter_governance.review_decision</c>, with its evidence: the approval
/// document's exact bytes and its detached SSHSIG signature (null only for a Simulate run's stand-in, which the store
/// refuses for a live run).
/// </summary>
internal sealed record ReviewDecisionRow(
    Guid ReviewDecisionId, RunId RunId, string Gate, string ApprovalKbId, string ApprovalSha256, string? PayloadSha, string Signer, DateTimeOffset SignedUtc,
    byte[]? ApprovalBytes = null, string? Signature = null);

/// <summary>
/// The draft invariants phase 9 checks, computed by the server. <paramref name="OtherFormVersions"/> are in a known
/// content form other than the plan's; <paramref name="PlanHash"/> is null when any version is not in the plan's form.
/// </summary>
internal sealed record DraftInvariants(long Units, long Versions, long NotDraft, long BadHashes, long UnitsWithoutVersion,
    UnknownContentForms UnknownForms, long OtherFormVersions, string? PlanHash);

/// <summary>The store's record of a run: its row, and each gate's review decision id (gate wire name to id).</summary>
internal sealed record StoredRun(string Mode, string State, int CandidateCount, string PayloadSha, IReadOnlyDictionary<string, Guid> Decisions);

/// <summary>A run's rows in the content tables.</summary>
internal sealed record RunRowCounts(long Units, long Versions, long LifecycleRows, long EnactedUnits);

/// <summary>
/// Every statement a run executes, on a connection and transaction the caller owns (so one phase is one
/// transaction, and Simulate can roll everything back). The SQL text is in <see cref="RunStatements"/>.
/// </summary>
internal static class RunStore
{
    public static async Task<(long DocumentId, string KbId)?> FindDocumentAsync(NpgsqlConnection c, NpgsqlTransaction? tx, DocumentCode code, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.FindDocumentByCode, c, tx);
        command.Parameters.AddWithValue("code", code.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public static async Task<long> RegisterDocumentAsync(NpgsqlConnection c, NpgsqlTransaction tx, KbDocId kbId, DocumentCode code, string title, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.RegisterDocument, c, tx);
        command.Parameters.AddWithValue("kb_id", kbId.Value);
        command.Parameters.AddWithValue("code", code.Value);
        command.Parameters.AddWithValue("title", title);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<long> CountUnitsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, long documentId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.CountUnitsOfDocument, c, tx);
        command.Parameters.AddWithValue("document_id", documentId);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Creates the run row (state running), its execution-flag row (off) and its kind row: an amendment run when
    /// <paramref name="enactedSha"/> (the enacted state its plan pinned) is given, an initial run otherwise.
    /// </summary>
    public static async Task InsertRunAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, long documentId, RunMode mode, string actor, VersionedHash payloadSha, int candidateCount, DateTimeOffset at, VersionedHash? enactedSha, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.InsertRun, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("document_id", documentId);
        command.Parameters.AddWithValue("mode", mode == RunMode.Live ? "live" : "simulate");
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("payload_sha", payloadSha.ToString());
        command.Parameters.AddWithValue("candidate_count", candidateCount);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("kind", enactedSha is null ? "initial" : "amendment");
        command.Parameters.Add("enacted_sha", NpgsqlTypes.NpgsqlDbType.Text).Value = (object?)enactedSha?.ToString() ?? DBNull.Value;
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task UpdateRunStateAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, string state, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.UpdateRunState, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyList<(RunId RunId, string State)>> OpenRunsOfDocumentAsync(NpgsqlConnection c, KbDocId kbId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.OpenRunsOfDocument, c);
        command.Parameters.AddWithValue("kb_id", kbId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<(RunId, string)>();
        while (await reader.ReadAsync(ct)) result.Add((RunId.From(reader.GetGuid(0)), reader.GetString(1)));
        return result;
    }

    public static async Task InsertLedgerAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, int phaseNo, string phaseName, long rowsWritten, DateTimeOffset startedAt, DateTimeOffset finishedAt, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.InsertLedger, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("phase_no", (short)phaseNo);
        command.Parameters.AddWithValue("phase_name", phaseName);
        command.Parameters.AddWithValue("rows_written", rowsWritten);
        command.Parameters.AddWithValue("started_at", startedAt);
        command.Parameters.AddWithValue("finished_at", finishedAt);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyList<LedgerRow>> ReadLedgerAsync(NpgsqlConnection c, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.ReadLedger, c);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<LedgerRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new LedgerRow(reader.GetInt16(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return rows;
    }

    /// <summary>Turns the run's flag on under a ruling; the store refuses (CT011/CT012/CT014) a run that may not write.</summary>
    public static async Task EnableFlagAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, string rulingKbId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.EnableFlag, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("ruling_kb_id", rulingKbId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Turns the run's flag off; true when it was on.</summary>
    public static async Task<bool> DisableFlagAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.DisableFlagForRun, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The store's run row and decisions of <paramref name="runId"/>, or null before phase 6 wrote it.</summary>
    public static async Task<StoredRun?> ReadStoredRunAsync(NpgsqlConnection c, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.StoredRunForResume, c);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var decisions = reader.GetFieldValue<string[]>(4).Select(d => d.Split('=', 2)).ToDictionary(d => d[0], d => Guid.Parse(d[1]), StringComparer.Ordinal);
        return new StoredRun(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), decisions);
    }

    /// <summary>The KB id of the document a run targets, from the run table.</summary>
    public static async Task<KbDocId?> DocumentOfRunAsync(NpgsqlConnection c, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.DocumentOfRun, c);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return await command.ExecuteScalarAsync(ct) is string kbId ? KbDocId.Parse(kbId) : null;
    }

    /// <summary>Whether the run's flag is on.</summary>
    public static async Task<bool> ReadFlagAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.ReadFlag, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The runs whose flag is on.</summary>
    public static async Task<IReadOnlyList<RunId>> RunsHoldingFlagAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.RunsHoldingFlag, c);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<RunId>();
        while (await reader.ReadAsync(ct)) runs.Add(RunId.From(reader.GetGuid(0)));
        return runs;
    }

    public static async Task InsertReviewDecisionAsync(NpgsqlConnection c, NpgsqlTransaction tx, ReviewDecisionRow row, DateTimeOffset recordedAt, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.InsertReviewDecision, c, tx);
        command.Parameters.AddWithValue("id", row.ReviewDecisionId);
        command.Parameters.AddWithValue("run_id", row.RunId.Value);
        command.Parameters.AddWithValue("gate", row.Gate);
        command.Parameters.AddWithValue("approval_kb_id", row.ApprovalKbId);
        command.Parameters.AddWithValue("approval_sha256", row.ApprovalSha256);
        command.Parameters.Add("payload_sha", NpgsqlTypes.NpgsqlDbType.Text).Value = (object?)row.PayloadSha ?? DBNull.Value;
        command.Parameters.AddWithValue("signer", row.Signer);
        command.Parameters.AddWithValue("signed_utc", row.SignedUtc);
        AddEvidence(command, row);
        command.Parameters.AddWithValue("recorded_at", recordedAt);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The decision's evidence parameters (<c>@approval_bytes</c>, <c>@signature</c>), typed so a null still resolves the function.</summary>
    public static void AddEvidence(NpgsqlCommand command, ReviewDecisionRow row)
    {
        command.Parameters.Add("approval_bytes", NpgsqlTypes.NpgsqlDbType.Bytea).Value = (object?)row.ApprovalBytes ?? DBNull.Value;
        command.Parameters.Add("signature", NpgsqlTypes.NpgsqlDbType.Text).Value = (object?)row.Signature ?? DBNull.Value;
    }

    public static async Task<bool> IsDecisionIdUsedAsync(NpgsqlConnection c, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.DecisionIdUsed, c);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<bool> IsApprovalUsedAsync(NpgsqlConnection c, string approvalSha256, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.ApprovalUsed, c);
        command.Parameters.AddWithValue("sha", approvalSha256);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task<Dictionary<string, long>> UnitIdsOfRunAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.UnitIdsOfRun, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) map[reader.GetString(0)] = reader.GetInt64(1);
        return map;
    }

    public static async Task<(long Enacted, long Logged)> EnactAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, Guid reviewDecisionId, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.EnactAndLog, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("review_decision_id", reviewDecisionId);
        command.Parameters.AddWithValue("at", at);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <param name="planForm">The form the plan's content hashes were made in.</param>
    public static async Task<DraftInvariants> ReadDraftInvariantsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, HashForm planForm, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.DraftInvariants, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        command.Parameters.AddWithValue("content_form", planForm.Tag);
        ContentRehash.AddKnownForms(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DraftInvariants(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            new UnknownContentForms(reader.GetInt64(5), reader.GetFieldValue<string[]>(6)), reader.GetInt64(7),
            reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    public static async Task<RunRowCounts> ReadRunRowCountsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.RunRowCounts, c, tx);
        command.Parameters.AddWithValue("run_id", runId.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new RunRowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Session-level advisory lock on a document, held by the connection until it closes (so a dead holder frees it).</summary>
    public static async Task<bool> TryLockDocumentAsync(NpgsqlConnection c, KbDocId kbId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RunStatements.TryAdvisoryLock, c);
        command.Parameters.AddWithValue("kb_id", kbId.Value);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
