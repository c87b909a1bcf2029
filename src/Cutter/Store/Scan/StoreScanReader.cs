using System.Data;
using Npgsql;

namespace Cutter.Store.Scan;

/// <summary>
/// Reads the governed content tables once each, as raw rows through binary COPY, in one read-only repeatable-read
/// snapshot, and re-hashes every unit version's text in C# while it streams. Nothing is sorted, joined or hashed in
/// the server: the owner of the store can replace any function, and a server-side sort of every row is what made the
/// in-server survey cost several sequential reads (issue 17). What the rows mean is <see cref="StoreScan"/>'s business.
/// The rows are parsed from the raw binary COPY stream (<see cref="BinaryCopyRows"/>): Npgsql's exporter costs a type
/// dispatch per field and a string or array per text, more than the read itself at a million rows; the version texts
/// are hashed eight at a time (<see cref="VersionDigestWindow"/>) straight from the received bytes.
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

        // The planner's row counts size the row lists up front: grown by doubling, a million versions of over a hundred
        // bytes each would be copied and re-allocated on the large-object heap about twenty times, each a full collection.
        long unitRows, versionRows;
        await using (var estimate = new NpgsqlCommand(EstimatedRows, connection, transaction))
        await using (var row = await estimate.ExecuteReaderAsync(cancellationToken))
        {
            await row.ReadAsync(cancellationToken);
            (unitRows, versionRows) = (row.GetInt64(0), row.GetInt64(1));
        }

        var documents = new List<ScannedDocument>();
        using (var rows = new BinaryCopyRows(connection, DocumentsCopy, 3, "cutter_core.document"))
        {
            while (rows.Next()) documents.Add(new ScannedDocument(rows.Int64(0), rows.Text(1), rows.Text(2)));
        }

        var units = new List<ScannedUnit>(Capacity(unitRows));
        var kinds = new RepeatedStrings();
        var states = new RepeatedStrings();
        using (var rows = new BinaryCopyRows(connection, UnitsCopy, 9, "cutter_core.information_unit"))
        {
            while (rows.Next())
            {
                long? parent = rows.IsNull(5) ? null : rows.Int64(5);
                units.Add(new ScannedUnit(rows.Int64(0), rows.Int64(1), rows.Text(2), rows.Int32(3), kinds.Get(rows.Bytes(4)), parent,
                    rows.Text(6), states.Get(rows.Bytes(7)), rows.Uuid(8)));
            }
        }

        var versions = new List<ScannedVersion>(Capacity(versionRows));
        var forms = new RepeatedStrings();
        using (var rows = new BinaryCopyRows(connection, VersionsCopy, 6, "cutter_core.unit_version"))
        using (var window = new VersionDigestWindow())
        {
            while (rows.Next())
            {
                var form = forms.Get(rows.Bytes(3));
                versions.Add(new ScannedVersion(rows.Int64(0), rows.Int32(1), rows.Bytes(2), form, rows.Uuid(5)));
                // The text's UTF-8 bytes as the server sent them, hashed with the window's: never decoded to a string.
                if (ContentRecompute.IsPlainSha256(form)) window.Add(versions, versions.Count - 1, rows.Bytes(4));
            }
            window.Flush(versions);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoreScan(documents, units, versions);
    }

    /// <summary>A hint only (it may be stale, or -1 before the first analyze), so it is bounded (<see cref="Capacity"/>).</summary>
    private const string EstimatedRows = """
        SELECT greatest((SELECT reltuples FROM pg_class WHERE oid = 'cutter_core.information_unit'::regclass), 0)::bigint,
               greatest((SELECT reltuples FROM pg_class WHERE oid = 'cutter_core.unit_version'::regclass), 0)::bigint
        """;

    // A stale estimate must not make a small store's scan allocate for a large one: past this the lists grow as needed.
    private const int MostPresizedRows = 2 * 1024 * 1024;

    private static int Capacity(long estimate) => (int)Math.Min(estimate + estimate / 64, MostPresizedRows);

    public static async Task<StoreScan> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReadAsync(connection, cancellationToken);
    }
}
