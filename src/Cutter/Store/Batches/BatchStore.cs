using Cutter.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Store.Batches;

/// <summary>
/// Every statement on the batch tables of 0012. The governed writes go through the SECURITY DEFINER functions
/// (batch_create, batch_request_sg2, batch_record_approval, record_batch_decision); the queue columns of batch_item are
/// updated directly by the exec lane.
/// </summary>
internal static class BatchStore
{
    private const string BatchColumns = "batch_id, name, actor, document_count, merkle_root, sg1_request_sha, sg2_request_sha, state, created_at, updated_at";
    private const string ItemColumns = "batch_id, position, kb_id, run_id, payload_sha, candidate_count, inclusion_proof, sg2_requested, state, stop_code, stop_detail, lease_owner, lease_until, attempts, updated_at";

    public static async Task CreateAsync(NpgsqlConnection c, Guid batchId, string name, string actor, string merkleRoot, string sg1RequestSha,
        IReadOnlyList<NewBatchItem> items, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT cutter_governance.batch_create(@id, @name, @actor, @root, @request, @kb, @payloads, @counts, @proofs, @runs, @at)", c);
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("root", merkleRoot);
        command.Parameters.AddWithValue("request", sg1RequestSha);
        command.Parameters.AddWithValue("kb", items.Select(i => i.KbId.Value).ToArray());
        command.Parameters.AddWithValue("payloads", items.Select(i => i.PayloadSha).ToArray());
        command.Parameters.AddWithValue("counts", items.Select(i => i.CandidateCount).ToArray());
        command.Parameters.AddWithValue("proofs", items.Select(i => i.InclusionProof).ToArray());
        command.Parameters.AddWithValue("runs", items.Select(i => i.RunId.Value).ToArray());
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<StoredBatch?> FindAsync(NpgsqlConnection c, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {BatchColumns} FROM cutter_governance.batch WHERE name = @name", c);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadBatch(reader) : null;
    }

    public static async Task<StoredBatch?> FindByIdAsync(NpgsqlConnection c, Guid batchId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {BatchColumns} FROM cutter_governance.batch WHERE batch_id = @id", c);
        command.Parameters.AddWithValue("id", batchId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadBatch(reader) : null;
    }

    /// <summary>Extends the lease <paramref name="owner"/> holds on a working item; false when it no longer holds it (taken over).</summary>
    public static async Task<bool> RenewLeaseAsync(NpgsqlConnection c, Guid batchId, int position, string owner, TimeSpan lease, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE cutter_governance.batch_item SET lease_until = now() + @lease, updated_at = now() "
            + "WHERE batch_id = @id AND position = @position AND state = 'working' AND lease_owner = @owner", c);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("position", position);
        command.Parameters.AddWithValue("owner", owner);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public static async Task<IReadOnlyList<StoredBatch>> ListAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {BatchColumns} FROM cutter_governance.batch ORDER BY created_at, name", c);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredBatch>();
        while (await reader.ReadAsync(ct)) rows.Add(ReadBatch(reader));
        return rows;
    }

    public static async Task<IReadOnlyList<StoredBatchItem>> ItemsAsync(NpgsqlConnection c, Guid batchId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {ItemColumns} FROM cutter_governance.batch_item WHERE batch_id = @id ORDER BY position", c);
        command.Parameters.AddWithValue("id", batchId);
        return await ReadItemsAsync(command, ct);
    }

    public static async Task<StoredBatchItem?> ItemOfRunAsync(NpgsqlConnection c, RunId runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {ItemColumns} FROM cutter_governance.batch_item WHERE run_id = @run", c);
        command.Parameters.AddWithValue("run", runId.Value);
        return (await ReadItemsAsync(command, ct)).SingleOrDefault();
    }

    public static async Task<StoredBatchApproval?> ApprovalAsync(NpgsqlConnection c, Guid batchId, string gate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT batch_id, gate, approval_kb_id, approval_sha256, review_decision_id, signer, signed_utc, approval_bytes, signature
            FROM cutter_governance.batch_approval WHERE batch_id = @id AND gate = @gate
            """, c);
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("gate", gate);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredBatchApproval(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4), reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<byte[]>(7), reader.GetString(8));
    }

    public static async Task RecordApprovalAsync(NpgsqlConnection c, StoredBatchApproval approval, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT cutter_governance.batch_record_approval(@id, @gate, @kb, @sha, @decision, @signer, @signed, @bytes, @signature, @at)", c);
        command.Parameters.AddWithValue("id", approval.BatchId);
        command.Parameters.AddWithValue("gate", approval.Gate);
        command.Parameters.AddWithValue("kb", approval.ApprovalKbId);
        command.Parameters.AddWithValue("sha", approval.ApprovalSha256);
        command.Parameters.AddWithValue("decision", approval.ReviewDecisionId);
        command.Parameters.AddWithValue("signer", approval.Signer);
        command.Parameters.AddWithValue("signed", approval.SignedUtc);
        command.Parameters.AddWithValue("bytes", approval.ApprovalBytes);
        command.Parameters.AddWithValue("signature", approval.Signature);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task RequestSg2Async(NpgsqlConnection c, Guid batchId, string requestSha, IReadOnlyList<int> positions, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT cutter_governance.batch_request_sg2(@id, @sha, @positions, @at)", c);
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("sha", requestSha);
        command.Parameters.AddWithValue("positions", positions.ToArray());
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Takes the next item a runner may work (queued, or working under a lapsed lease), oldest position first, skipping
    /// items another runner is taking this instant (<c>FOR UPDATE SKIP LOCKED</c>), and leases it to <paramref name="owner"/>.
    /// </summary>
    public static async Task<StoredBatchItem?> TakeNextAsync(NpgsqlConnection c, Guid? batchId, string owner, TimeSpan lease, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE cutter_governance.batch_item i
            SET state = 'working', lease_owner = @owner, lease_until = now() + @lease, attempts = i.attempts + 1, stop_code = NULL, stop_detail = NULL, updated_at = now()
            WHERE (i.batch_id, i.position) = (
                SELECT n.batch_id, n.position FROM cutter_governance.batch_item n
                WHERE (n.state = 'queued' OR (n.state = 'working' AND n.lease_until < now())) AND (@batch::uuid IS NULL OR n.batch_id = @batch)
                ORDER BY n.updated_at, n.position
                LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {string.Join(", ", ItemColumns.Split(", ").Select(col => "i." + col))}
            """, c);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.Add("batch", NpgsqlDbType.Uuid).Value = (object?)batchId ?? DBNull.Value;
        return (await ReadItemsAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>Moves an item on (releasing its lease); a STOP code only with state stopped.</summary>
    public static async Task SetItemStateAsync(NpgsqlConnection c, Guid batchId, int position, string state, string? stopCode, string? stopDetail, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE cutter_governance.batch_item
            SET state = @state, stop_code = @code, stop_detail = @detail, lease_owner = NULL, lease_until = NULL, updated_at = now()
            WHERE batch_id = @id AND position = @position
            """, c);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.Add("code", NpgsqlDbType.Text).Value = (object?)stopCode ?? DBNull.Value;
        command.Parameters.Add("detail", NpgsqlDbType.Text).Value = (object?)stopDetail ?? DBNull.Value;
        command.Parameters.AddWithValue("id", batchId);
        command.Parameters.AddWithValue("position", position);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records a run's review decision from its batch's approval; returns the derived decision id.</summary>
    public static async Task<Guid> RecordDecisionAsync(NpgsqlConnection c, NpgsqlTransaction tx, RunId runId, string gate, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT cutter_governance.record_batch_decision(@run, @gate, @at)", c, tx);
        command.Parameters.AddWithValue("run", runId.Value);
        command.Parameters.AddWithValue("gate", gate);
        command.Parameters.AddWithValue("at", at);
        return (Guid)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Where each run of a batch stands in the store (run state and the last phase in its ledger); a run that has not
    /// reached phase 6 has no run row yet and is absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, (string State, int LastPhase)>> RunProgressAsync(NpgsqlConnection c, Guid batchId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT r.run_id, r.state, coalesce((SELECT max(l.phase_no) FROM cutter_governance.phase_ledger l WHERE l.run_id = r.run_id), 0)
            FROM cutter_governance.batch_item i JOIN cutter_governance.run r ON r.run_id = i.run_id
            WHERE i.batch_id = @id
            """, c);
        command.Parameters.AddWithValue("id", batchId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new Dictionary<Guid, (string, int)>();
        while (await reader.ReadAsync(ct)) rows[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt16(2));
        return rows;
    }

    private static StoredBatch ReadBatch(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
            r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9));

    private static async Task<IReadOnlyList<StoredBatchItem>> ReadItemsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredBatchItem>();
        while (await r.ReadAsync(ct))
        {
            rows.Add(new StoredBatchItem(r.GetGuid(0), r.GetInt32(1), KbDocId.Parse(r.GetString(2)), RunId.From(r.GetGuid(3)), r.GetString(4), r.GetInt32(5), r.GetString(6),
                r.GetBoolean(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.GetInt32(13), r.GetFieldValue<DateTimeOffset>(14)));
        }
        return rows;
    }
}
