using Cutter.Cutting;
using Cutter.Domain;
using Cutter.Domain.Hashing;
using Cutter.Governance.Approvals;
using Cutter.Orchestration.State;
using Cutter.Store.Writes;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// The baselines the live write path is compared with, on the same schema (tables, indexes, triggers, lane), after
/// the same phase 6 (so the execution flag is on and the document row exists); benchmarks/README.md says what each
/// contains. (a1) is the fastest plain way to the live path's end state; (a2) and (b) write less than the live path
/// (no lifecycle_log, ledger or decision rows) and are kept to compare with the figures measured before.
/// </summary>
internal static class BaselineWrites
{
    private const string AwaitingSg2 = "awaiting_SG_2";

    /// <summary>
    /// Moves the run row to the SG_2 gate in a transaction of its own, as the runner's pause does: the store takes an
    /// SG_2 decision only from a run waiting there (0009).
    /// </summary>
    public static async Task AwaitSg2Async(NpgsqlConnection connection, RunId runId, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RunStore.UpdateRunStateAsync(connection, transaction, runId, AwaitingSg2, DateTimeOffset.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private const string UnitCopy =
        "COPY cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, parent_iu_id, heading, lifecycle_state, run_id) FROM STDIN (FORMAT BINARY)";
    private const string VersionCopy =
        "COPY cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id) FROM STDIN (FORMAT BINARY)";
    private const string VersionCopyWithForm =
        "COPY cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, content_hash_form, run_id) FROM STDIN (FORMAT BINARY)";
    private const string EnactAll = "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE run_id = @run_id AND lifecycle_state = 'draft'";
    private const string InsertUnit = """
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, parent_iu_id, heading, lifecycle_state, run_id)
        VALUES (@iu_id, @document_id, @address, @ordinal, @kind, @parent_iu_id, @heading, 'draft', @run_id)
        """;
    private const string InsertVersion = """
        INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id)
        VALUES (@uv_id, @iu_id, 1, @content, @content_sha256, @run_id)
        """;
    private const string EnactOne = "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE iu_id = @iu_id";

    /// <summary>
    /// Baseline (a1), the floor for the live path's end state: the same rows in the same three transactions the runner
    /// commits (units, versions, enactment), each written once. Ids come from the store's sequences in one round trip
    /// per table (as the product takes them); units are copied already <c>enacted</c> (no draft pass and no UPDATE);
    /// versions are copied with their content hash form; the SG_2 review decision and the enactment's lifecycle_log
    /// rows (one INSERT ... SELECT) are written in the third, which also moves the run row from SG_2 back to running (a
    /// run-table entry of the log, as phase 10's); each transaction also writes its phase_ledger row. Every
    /// trigger of the schema fires (flag guard, audit chains). Left out, because they are not end state: the lock order,
    /// the flag checks, the draft verification between phases 8 and 10, and the run's progress reporting.
    /// </summary>
    public static async Task<long> SameEndStateAsync(string connectionString, CandidateSet plan, RunId runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var documentId = await DocumentIdAsync(connection, plan, cancellationToken);
        var count = plan.Units.Count;

        long[] unitIds;
        var started = DateTimeOffset.UtcNow;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            unitIds = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.InformationUnitSequence, count, cancellationToken);
            var parents = ParentIds(plan, unitIds);
            await using (var units = await connection.BeginBinaryImportAsync(UnitCopy, cancellationToken))
            {
                for (var i = 0; i < count; i++)
                {
                    await WriteUnitAsync(units, plan.Units[i], unitIds[i], documentId, parents[i], "enacted", runId, cancellationToken);
                }
                await units.CompleteAsync(cancellationToken);
            }
            await RunStore.InsertLedgerAsync(connection, transaction, runId, 7, "write_units", count, started, DateTimeOffset.UtcNow, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        started = DateTimeOffset.UtcNow;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var versionIds = await IdAllocator.AllocateAsync(connection, transaction, IdAllocator.UnitVersionSequence, count, cancellationToken);
            await using (var versions = await connection.BeginBinaryImportAsync(VersionCopyWithForm, cancellationToken))
            {
                for (var i = 0; i < count; i++)
                {
                    var unit = plan.Units[i];
                    await versions.StartRowAsync(cancellationToken);
                    await versions.WriteAsync(versionIds[i], NpgsqlDbType.Bigint, cancellationToken);
                    await versions.WriteAsync(unitIds[i], NpgsqlDbType.Bigint, cancellationToken);
                    await versions.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                    await versions.WriteAsync(unit.Content, NpgsqlDbType.Text, cancellationToken);
                    await versions.WriteAsync(unit.ContentSha256, NpgsqlDbType.Text, cancellationToken);
                    await versions.WriteAsync(HashForms.Content.Tag, NpgsqlDbType.Text, cancellationToken);
                    await versions.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
                }
                await versions.CompleteAsync(cancellationToken);
            }
            await RunStore.InsertLedgerAsync(connection, transaction, runId, 8, "write_versions", count, started, DateTimeOffset.UtcNow, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AwaitSg2Async(connection, runId, cancellationToken);
        started = DateTimeOffset.UtcNow;
        int logged;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var document = System.Text.Encoding.UTF8.GetBytes($"baseline a1 {runId}");
            var decision = new ReviewDecisionRow(Guid.NewGuid(), runId, ApprovalGate.Sg2LifecycleAuthz.WireName(), "KB-9992",
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document)), null, "benchmark", started,
                document, LiveWriteHarness.StandInSignature);
            await RunStore.InsertReviewDecisionAsync(connection, transaction, decision, started, cancellationToken);
            // The run leaves SG_2 as phase 10 moves it (an entry of the log, as the live path's): end state, not protocol.
            await RunStore.UpdateRunStateAsync(connection, transaction, runId, RunStatus.Running.WireName(), started, cancellationToken);
            await using (var log = new NpgsqlCommand(RunStatements.LogEnactment, connection, transaction))
            {
                log.Parameters.AddWithValue("review_decision_id", decision.ReviewDecisionId);
                log.Parameters.AddWithValue("at", started);
                log.Parameters.AddWithValue("run_id", runId.Value);
                logged = await log.ExecuteNonQueryAsync(cancellationToken);
            }
            await RunStore.InsertLedgerAsync(connection, transaction, runId, 10, "enact", 2L * count, started, DateTimeOffset.UtcNow, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return RequireAll(plan, logged);
    }

    /// <summary>
    /// Baseline (a2), "draft COPY + UPDATE" (called (a), "raw COPY", before issue 17): binary COPY of units as drafts and of
    /// versions, one set-based UPDATE to enacted, one commit; ids 1..N written directly (no sequence), no content hash
    /// form, and no lifecycle_log, ledger or decision rows. A protocol-shaped lower bound, not the live path's end state.
    /// </summary>
    public static async Task<long> DraftCopyThenUpdateAsync(string connectionString, CandidateSet plan, RunId runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var documentId = await DocumentIdAsync(connection, plan, cancellationToken);
        var ids = SequentialIds(plan.Units.Count);
        var parents = ParentIds(plan, ids);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var units = await connection.BeginBinaryImportAsync(UnitCopy, cancellationToken))
        {
            for (var i = 0; i < plan.Units.Count; i++)
            {
                await WriteUnitAsync(units, plan.Units[i], ids[i], documentId, parents[i], "draft", runId, cancellationToken);
            }
            await units.CompleteAsync(cancellationToken);
        }
        await using (var versions = await connection.BeginBinaryImportAsync(VersionCopy, cancellationToken))
        {
            for (var i = 0; i < plan.Units.Count; i++)
            {
                var unit = plan.Units[i];
                await versions.StartRowAsync(cancellationToken);
                await versions.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, cancellationToken);
                await versions.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, cancellationToken);
                await versions.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await versions.WriteAsync(unit.Content, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(unit.ContentSha256, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
            }
            await versions.CompleteAsync(cancellationToken);
        }
        int enacted;
        await using (var update = new NpgsqlCommand(EnactAll, connection, transaction))
        {
            update.Parameters.AddWithValue("run_id", runId.Value);
            enacted = await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return RequireAll(plan, enacted);
    }

    /// <summary>
    /// Baseline (b), the naive implementation: one INSERT per unit, one per version, one UPDATE per unit, one commit (ids
    /// 1..N; like (a2), no lifecycle_log, ledger or decision rows).
    /// </summary>
    public static async Task<long> RowByRowAsync(string connectionString, CandidateSet plan, RunId runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var documentId = await DocumentIdAsync(connection, plan, cancellationToken);
        var parents = ParentIds(plan, SequentialIds(plan.Units.Count));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < plan.Units.Count; i++)
        {
            var unit = plan.Units[i];
            await using var insert = new NpgsqlCommand(InsertUnit, connection, transaction);
            insert.Parameters.AddWithValue("iu_id", (long)i + 1);
            insert.Parameters.AddWithValue("document_id", documentId);
            insert.Parameters.AddWithValue("address", unit.Address);
            insert.Parameters.AddWithValue("ordinal", unit.Ordinal);
            insert.Parameters.AddWithValue("kind", unit.Kind);
            insert.Parameters.AddWithValue("parent_iu_id", NpgsqlDbType.Bigint, (object?)parents[i] ?? DBNull.Value);
            insert.Parameters.AddWithValue("heading", unit.Heading);
            insert.Parameters.AddWithValue("run_id", runId.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var i = 0; i < plan.Units.Count; i++)
        {
            var unit = plan.Units[i];
            await using var insert = new NpgsqlCommand(InsertVersion, connection, transaction);
            insert.Parameters.AddWithValue("uv_id", (long)i + 1);
            insert.Parameters.AddWithValue("iu_id", (long)i + 1);
            insert.Parameters.AddWithValue("content", unit.Content);
            insert.Parameters.AddWithValue("content_sha256", unit.ContentSha256);
            insert.Parameters.AddWithValue("run_id", runId.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        var enacted = 0;
        for (var i = 0; i < plan.Units.Count; i++)
        {
            await using var update = new NpgsqlCommand(EnactOne, connection, transaction);
            update.Parameters.AddWithValue("iu_id", (long)i + 1);
            enacted += await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return RequireAll(plan, enacted);
    }

    private static async Task<long> DocumentIdAsync(NpgsqlConnection connection, CandidateSet plan, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT document_id FROM cutter_core.document WHERE code = @code", connection);
        command.Parameters.AddWithValue("code", plan.DocumentCode.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new CutterException($"benchmark: document {plan.DocumentCode} is not registered (phase 6 registers it)"));
    }

    private static async Task WriteUnitAsync(NpgsqlBinaryImporter units, CandidateUnit unit, long id, long documentId, long? parent, string state,
        RunId runId, CancellationToken cancellationToken)
    {
        await units.StartRowAsync(cancellationToken);
        await units.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
        await units.WriteAsync(documentId, NpgsqlDbType.Bigint, cancellationToken);
        await units.WriteAsync(unit.Address, NpgsqlDbType.Text, cancellationToken);
        await units.WriteAsync(unit.Ordinal, NpgsqlDbType.Integer, cancellationToken);
        await units.WriteAsync(unit.Kind, NpgsqlDbType.Text, cancellationToken);
        if (parent is { } parentId) await units.WriteAsync(parentId, NpgsqlDbType.Bigint, cancellationToken);
        else await units.WriteNullAsync(cancellationToken);
        await units.WriteAsync(unit.Heading, NpgsqlDbType.Text, cancellationToken);
        await units.WriteAsync(state, NpgsqlDbType.Text, cancellationToken);
        await units.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
    }

    private static long[] SequentialIds(int count) => Enumerable.Range(1, count).Select(i => (long)i).ToArray();

    private static long?[] ParentIds(CandidateSet plan, long[] ids)
    {
        var index = new Dictionary<string, long>(plan.Units.Count, StringComparer.Ordinal);
        var parents = new long?[plan.Units.Count];
        for (var i = 0; i < plan.Units.Count; i++)
        {
            index[plan.Units[i].Address] = ids[i];
            parents[i] = plan.Units[i].ParentAddress is { } parent ? index[parent] : null;
        }
        return parents;
    }

    private static long RequireAll(CandidateSet plan, int enacted) =>
        enacted == plan.CandidateCount ? 3L * enacted : throw new CutterException($"benchmark: enacted {enacted} of {plan.CandidateCount} units");
}
