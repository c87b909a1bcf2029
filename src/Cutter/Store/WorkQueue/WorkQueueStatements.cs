namespace Cutter.Store.WorkQueue;

/// <summary>
/// The worker's lease statements on the batch work queue (0012's <c>batch_item</c>, docs/scale-out.md; the claim is
/// <c>BatchStore.TakeNextAsync</c>, the renewal <c>BatchStore.RenewLeaseAsync</c>). Each statement is its own short transaction on the exec lane, which may update only
/// the queue columns. The server's clock (<c>now()</c>) is the only
/// clock a lease is measured by, so workers on hosts with skewed clocks still agree on when a lease ran out.
/// </summary>
internal static class WorkQueueStatements
{
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

}
