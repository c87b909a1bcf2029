namespace Cutter.Store.WorkQueue;

/// <summary>
/// The batch work queue's SQL (0012's <c>batch_item</c>, docs/scale-out.md). Each statement is its own short
/// transaction on the exec lane, which may update only the queue columns. The server's clock (<c>now()</c>) is the only
/// clock a lease is measured by, so workers on hosts with skewed clocks still agree on when a lease ran out.
/// </summary>
internal static class WorkQueueStatements
{
    /// <summary>
    /// Takes the oldest ready item (queued, or working under a lease that ran out) and leases it, in one statement:
    /// <c>FOR UPDATE SKIP LOCKED</c> so that concurrent claims neither wait on each other nor take the same row.
    /// </summary>
    public const string Claim = """
        WITH next AS (
            SELECT batch_id, position FROM cutter_governance.batch_item
            WHERE (state = 'queued' OR (state = 'working' AND lease_until < now()))
              AND (@batch_id::uuid IS NULL OR batch_id = @batch_id::uuid)
            ORDER BY updated_at, batch_id, position
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        UPDATE cutter_governance.batch_item i
        SET state = 'working', lease_owner = @owner, lease_until = now() + @lease, attempts = i.attempts + 1, updated_at = now()
        FROM next
        WHERE i.batch_id = next.batch_id AND i.position = next.position
        RETURNING i.batch_id, i.position, i.kb_id, i.run_id, i.attempts, i.lease_until
        """;

    /// <summary>Extends the lease only while <c>@owner</c> still holds it: no row updated means it was lost.</summary>
    public const string Renew = """
        UPDATE cutter_governance.batch_item SET lease_until = now() + @lease, updated_at = now()
        WHERE batch_id = @batch_id AND position = @position AND state = 'working' AND lease_owner = @owner
        """;

    /// <summary>Hands the item back in <c>@state</c> (the lease cleared), only while <c>@owner</c> still holds it.</summary>
    public const string Release = """
        UPDATE cutter_governance.batch_item
        SET state = @state, stop_code = @stop_code, stop_detail = @stop_detail, lease_owner = NULL, lease_until = NULL, updated_at = now()
        WHERE batch_id = @batch_id AND position = @position AND state = 'working' AND lease_owner = @owner
        """;

    /// <summary>Items per queue state, a working item under a lapsed lease counted as ready.</summary>
    public const string Counts = """
        SELECT CASE WHEN state = 'working' AND lease_until < now() THEN 'queued' ELSE state END AS state, count(*)::integer
        FROM cutter_governance.batch_item
        WHERE @batch_id::uuid IS NULL OR batch_id = @batch_id::uuid
        GROUP BY 1
        """;

    /// <summary>A batch by its name or id, as <c>--batch</c> names it.</summary>
    public const string FindBatch = "SELECT batch_id FROM cutter_governance.batch WHERE name = @name OR batch_id::text = @name";
}
