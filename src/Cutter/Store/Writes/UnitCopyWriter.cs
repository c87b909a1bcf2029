using Cutter.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Store.Writes;

/// <summary>
/// Streams a run's units and versions to the server with binary COPY. Every COPY is completed and the row count
/// the server reports is compared with what was sent; a difference fails the phase (and its transaction).
/// </summary>
internal static class UnitCopyWriter
{
    private const string UnitCopy =
        "COPY cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, parent_iu_id, heading, lifecycle_state, run_id, succeeds_iu_id) FROM STDIN (FORMAT BINARY)";

    private const string VersionCopy =
        "COPY cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, content_hash_form, run_id, heading, parent_iu_id) FROM STDIN (FORMAT BINARY)";

    public static async Task<ulong> WriteUnitsAsync(NpgsqlConnection connection, long documentId, RunId runId, IEnumerable<UnitRow> rows, int expected, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(UnitCopy, cancellationToken);
        long sent = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.IuId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(documentId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.Address, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Ordinal, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.ParentIuId, cancellationToken);
            await importer.WriteAsync(row.Heading, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync("draft", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
            await WriteNullableAsync(importer, row.SucceedsIuId, cancellationToken);
            if (++sent % 10_000 == 0) progress?.Report(sent);
        }
        var written = await importer.CompleteAsync(cancellationToken);
        progress?.Report(sent);
        RequireCount("information_unit", written, sent, expected);
        return written;
    }

    public static async Task<ulong> WriteVersionsAsync(NpgsqlConnection connection, RunId runId, IEnumerable<VersionRow> rows, int expected, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(VersionCopy, cancellationToken);
        long sent = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.UvId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.IuId, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.VersionNo, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(row.Content, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ContentSha256, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ContentHashForm.Tag, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(runId.Value, NpgsqlDbType.Uuid, cancellationToken);
            if (row.Heading is { } heading) await importer.WriteAsync(heading, NpgsqlDbType.Text, cancellationToken);
            else await importer.WriteNullAsync(cancellationToken);
            await WriteNullableAsync(importer, row.ParentIuId, cancellationToken);
            if (++sent % 10_000 == 0) progress?.Report(sent);
        }
        var written = await importer.CompleteAsync(cancellationToken);
        progress?.Report(sent);
        RequireCount("unit_version", written, sent, expected);
        return written;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, long? value, CancellationToken cancellationToken)
    {
        if (value is { } id) await importer.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
        else await importer.WriteNullAsync(cancellationToken);
    }

    private static void RequireCount(string table, ulong written, long sent, int expected)
    {
        if (written != (ulong)sent || sent != expected)
        {
            throw new StopException(StopCodes.InvariantFailed,
                $"COPY into {table}: planned {expected} rows, sent {sent}, server wrote {written}");
        }
    }
}
