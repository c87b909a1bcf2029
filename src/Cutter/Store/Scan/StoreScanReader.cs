using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Cutter.Store.Scan;

/// <summary>
/// Reads the governed content tables once each, as raw rows through binary COPY, in one read-only repeatable-read
/// snapshot, and re-hashes every unit version's text in C# while it streams. Nothing is sorted, joined or hashed in
/// the server: the owner of the store can replace any function, and a server-side sort of every row is what made the
/// in-server survey cost several sequential reads (issue 17). What the rows mean is <see cref="StoreScan"/>'s business.
/// The rows are read with the exporter's synchronous field reads: one awaited call per field cost more than the read.
/// </summary>
internal static class StoreScanReader
{
    public const string DocumentsCopy = "COPY (SELECT document_id, kb_id, code FROM cutter_core.document) TO STDOUT (FORMAT BINARY)";

    public const string UnitsCopy = """
        COPY (SELECT iu_id, document_id, address, ordinal, kind, parent_iu_id, heading, lifecycle_state, run_id
              FROM cutter_core.information_unit) TO STDOUT (FORMAT BINARY)
        """;

    public const string VersionsCopy = """
        COPY (SELECT iu_id, version_no, content_sha256, content_hash_form, content, run_id
              FROM cutter_core.unit_version) TO STDOUT (FORMAT BINARY)
        """;

    public static async Task<StoreScan> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var documents = new List<ScannedDocument>();
        using (var export = connection.BeginBinaryExport(DocumentsCopy))
        {
            while (export.StartRow() != -1)
            {
                documents.Add(new ScannedDocument(
                    export.Read<long>(NpgsqlDbType.Bigint),
                    export.Read<string>(NpgsqlDbType.Text),
                    export.Read<string>(NpgsqlDbType.Text)));
            }
        }

        var units = new List<ScannedUnit>();
        using (var export = connection.BeginBinaryExport(UnitsCopy))
        {
            while (export.StartRow() != -1)
            {
                var iuId = export.Read<long>(NpgsqlDbType.Bigint);
                var documentId = export.Read<long>(NpgsqlDbType.Bigint);
                var address = export.Read<string>(NpgsqlDbType.Text);
                var ordinal = export.Read<int>(NpgsqlDbType.Integer);
                var kind = export.Read<string>(NpgsqlDbType.Text);
                long? parent = null;
                if (export.IsNull) export.Skip();
                else parent = export.Read<long>(NpgsqlDbType.Bigint);
                var heading = export.Read<string>(NpgsqlDbType.Text);
                var state = export.Read<string>(NpgsqlDbType.Text);
                var runId = export.Read<Guid>(NpgsqlDbType.Uuid);
                units.Add(new ScannedUnit(iuId, documentId, address, ordinal, kind, parent, heading, state, runId));
            }
        }

        var versions = new List<ScannedVersion>();
        using (var export = connection.BeginBinaryExport(VersionsCopy))
        {
            while (export.StartRow() != -1)
            {
                var iuId = export.Read<long>(NpgsqlDbType.Bigint);
                var versionNo = export.Read<int>(NpgsqlDbType.Integer);
                var stored = export.Read<string>(NpgsqlDbType.Text);
                var form = export.Read<string>(NpgsqlDbType.Text);
                // The text's UTF-8 bytes, hashed as they arrive: decoding them to a string only to encode them again cost more than the read.
                var content = export.Read<byte[]>(NpgsqlDbType.Text);
                var runId = export.Read<Guid>(NpgsqlDbType.Uuid);
                versions.Add(new ScannedVersion(iuId, versionNo, stored, form, ContentRecompute.Hex(form, content), runId));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoreScan(documents, units, versions);
    }

    public static async Task<StoreScan> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, cancellationToken);
    }
}
