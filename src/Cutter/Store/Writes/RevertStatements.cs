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

    public const string FinishEscalation = "SELECT cutter_governance.finish_escalation(@id, @at)";
}
