using Npgsql;

namespace Cutter.Benchmarks.Store;

/// <summary>
/// Fills a store with enacted documents totalling a given number of units (10,000 units per document, each unit
/// with one ~500-byte version and its lifecycle_log row), generated in the server in one transaction as the owner
/// under an execution flag row of its own seed run (0009). This is set-up for the safety-net benchmarks, never measured; the rows have the shape
/// the product writes (addresses, kinds, sha256 of the content) so dumps, surveys and restores see realistic data.
/// </summary>
internal static class StoreSeeder
{
    public const int UnitsPerDocument = 10_000;

    private const string Seed = """
        INSERT INTO cutter_governance.execution_flag (run_id, enabled, changed_at) VALUES (@run, true, now());
        INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, signer, signed_utc, recorded_at)
        VALUES (@decision, @run, 'SG_2_lifecycle_authz', 'KB-0', encode(sha256(convert_to(@run::text, 'UTF8')), 'hex'), 'benchmark-seed', now(), now());
        INSERT INTO cutter_core.document (kb_id, code, title)
        SELECT 'KB-' || (100000 + d), 'BENCH-' || d, 'Seeded benchmark document ' || d FROM generate_series(1, @documents) d;
        INSERT INTO cutter_core.information_unit (iu_id, document_id, address, ordinal, kind, heading, lifecycle_state, run_id)
        SELECT i, doc.document_id, 'ch-' || ((i - 1) % @per_document / 100 + 1) || '/art-' || ((i - 1) % @per_document + 1),
               (i - 1) % @per_document + 1, 'article', 'Article ' || ((i - 1) % @per_document + 1), 'draft', @run
        FROM generate_series(1, @units) i
        JOIN cutter_core.document doc ON doc.code = 'BENCH-' || ((i - 1) / @per_document + 1);
        INSERT INTO cutter_core.unit_version (uv_id, iu_id, version_no, content, content_sha256, run_id)
        SELECT i, i, 1, c.content, encode(sha256(convert_to(c.content, 'UTF8')), 'hex'), @run
        FROM generate_series(1, @units) i,
             LATERAL (SELECT 'Article ' || i || '. ' || repeat(md5(i::text) || ' ', 15) AS content) c;
        UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE run_id = @run;
        INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
        SELECT iu_id, 'draft', 'enacted', run_id, @decision, now() FROM cutter_core.information_unit WHERE run_id = @run;
        SELECT setval('cutter_core.information_unit_id_seq', @units), setval('cutter_core.unit_version_id_seq', @units);
        DELETE FROM cutter_governance.execution_flag WHERE run_id = @run;
        """;

    public static async Task SeedAsync(string ownerConnectionString, int units, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Seed, connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue("run", Guid.NewGuid());
            command.Parameters.AddWithValue("decision", Guid.NewGuid());
            command.Parameters.AddWithValue("documents", (units + UnitsPerDocument - 1) / UnitsPerDocument);
            command.Parameters.AddWithValue("per_document", UnitsPerDocument);
            command.Parameters.AddWithValue("units", (long)units);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }
}
