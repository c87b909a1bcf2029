namespace Cutter.Store.Writes;

/// <summary>
/// The governed way around immutability (SG_3): <c>cutter_governance.record_escalation</c> records the SG_3 decision with
/// its evidence and creates the one revert authorization, bound to this transaction (0009_governed_writes.sql); the
/// triggers then pass the deletes of exactly that run's rows, and <c>finish_escalation</c> consumes it, lowers the flag
/// and ends the run. Audit rows (review decisions, ledger, run) are never deleted.
/// </summary>
internal static class RevertStatements
{
    public const string RecordEscalation = """
        SELECT cutter_governance.record_escalation(@id, @run_id, @approval_kb_id, @approval_sha256, @payload_sha, @signer, @signed_utc,
            @approval_bytes, @signature, @action, @state_sha, @at)
        """;

    public const string DeleteLifecycle = "DELETE FROM cutter_core.lifecycle_log WHERE run_id = @run_id";
    public const string DeleteVersions = "DELETE FROM cutter_core.unit_version WHERE run_id = @run_id";
    public const string DeleteUnits = "DELETE FROM cutter_core.information_unit WHERE run_id = @run_id";

    /// <summary>
    /// An amendment's marks, cleared after its rows are gone (0011): the versions it superseded are current again and the
    /// units it retired (removed or moved away) are enacted again, so the document is back to its pre-run state. Both
    /// are no-ops for an initial run. Un-retiring comes last: the run's own unit at a moved-away address must be gone
    /// before the old one is enacted there again (one enacted unit per address).
    /// </summary>
    public const string RestoreSuperseded = "UPDATE cutter_core.unit_version SET superseded_run_id = NULL WHERE superseded_run_id = @run_id";

    public const string RestoreRetired = """
        UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted', retired_run_id = NULL WHERE retired_run_id = @run_id
        """;

    /// <summary>
    /// The first later run of the same document that still holds rows there (units or versions it wrote, or units it
    /// retired, or versions it superseded): reverting an earlier run under it would pull rows from under its history.
    /// </summary>
    public const string LaterRunHoldingRows = """
        SELECT later.run_id, later.state, later.created_at
        FROM cutter_governance.run this
        JOIN cutter_governance.run later ON later.document_id = this.document_id AND later.run_id <> this.run_id
                                        AND later.created_at > this.created_at
        WHERE this.run_id = @run_id
          AND (EXISTS (SELECT 1 FROM cutter_core.information_unit u WHERE u.run_id = later.run_id)
               OR EXISTS (SELECT 1 FROM cutter_core.information_unit u WHERE u.retired_run_id = later.run_id)
               OR EXISTS (SELECT 1 FROM cutter_core.unit_version v WHERE v.run_id = later.run_id)
               OR EXISTS (SELECT 1 FROM cutter_core.unit_version v WHERE v.superseded_run_id = later.run_id))
        ORDER BY later.created_at DESC
        LIMIT 1
        """;

    public const string FinishEscalation = "SELECT cutter_governance.finish_escalation(@id, @at)";
}
