using Cutter.Cutting;
using Cutter.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// The two baselines the live write path is compared with, on the same tables, rows and lane, after the same
/// phase 6 (so the execution flag is on and the document row exists). Ids are 1..N, known before the write
/// because every iteration gets a fresh database; neither baseline touches a sequence, a ledger or a check.
/// </summary>
internal static class BaselineWrites
{
    private const string UnitCopy =
        "COPY cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, parent_iu_id, heading, lifecycle_state, run_id) FROM STDIN (FORMAT BINARY)";
    private const string VersionCopy =
        "COPY cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id) FROM STDIN (FORMAT BINARY)";
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

    /// <summary>Baseline (a), the limit: binary COPY of units, binary COPY of versions, one set-based UPDATE, one commit.</summary>
    public static async Task<long> RawCopyAsync(string connectionString, CandidateSet plan, RunId runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var documentId = await DocumentIdAsync(connection, plan, cancellationToken);
        var parents = ParentIds(plan);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var units = await connection.BeginBinaryImportAsync(UnitCopy, cancellationToken))
        {
            for (var i = 0; i < plan.Units.Count; i++)
            {
                var unit = plan.Units[i];
                await units.StartRowAsync(cancellationToken);
                await units.WriteAsync((long)i + 1, NpgsqlDbType.Bigint, cancellationToken);
                await units.WriteAsync(documentId, NpgsqlDbType.Bigint, cancellationToken);
                await units.WriteAsync(unit.Address, NpgsqlDbType.Text, cancellationToken);
                await units.WriteAsync(unit.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                await units.WriteAsync(unit.Kind, NpgsqlDbType.Text, cancellationToken);
                if (parents[i] is { } parent) await units.WriteAsync(parent, NpgsqlDbType.Bigint, cancellationToken);
                else await units.WriteNullAsync(cancellationToken);
                await units.WriteAsync(unit.Heading, NpgsqlDbType.Text, cancellationToken);
                await units.WriteAsync("draft", NpgsqlDbType.Text, cancellationToken);
                await units.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
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

    /// <summary>Baseline (b), the naive implementation: one INSERT per unit, one per version, one UPDATE per unit, one commit.</summary>
    public static async Task<long> RowByRowAsync(string connectionString, CandidateSet plan, RunId runId, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var documentId = await DocumentIdAsync(connection, plan, cancellationToken);
        var parents = ParentIds(plan);
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

    private static long?[] ParentIds(CandidateSet plan)
    {
        var index = new Dictionary<string, long>(plan.Units.Count, StringComparer.Ordinal);
        var parents = new long?[plan.Units.Count];
        for (var i = 0; i < plan.Units.Count; i++)
        {
            index[plan.Units[i].Address] = i + 1;
            parents[i] = plan.Units[i].ParentAddress is { } parent ? index[parent] : null;
        }
        return parents;
    }

    private static long RequireAll(CandidateSet plan, int enacted) =>
        enacted == plan.CandidateCount ? 3L * enacted : throw new CutterException($"benchmark: enacted {enacted} of {plan.CandidateCount} units");
}
