namespace Cutter.Store.Writes;

/// <summary>
/// The governed way around immutability (SG_3): an authorization row, named in the transaction setting
/// <c>cutter.revert_authorization</c>, lets the triggers pass the deletes of exactly one run's rows; it is consumed
/// in the same transaction. Audit rows (review decisions, ledger, run) are never deleted.
/// </summary>
internal static class RevertStatements
{
    public const string InsertAuthorization = """
        INSERT INTO cutter_governance.revert_authorization
            (authorization_id, run_id, action, state_sha, review_decision_id, expires_at, created_at)
        VALUES (@id, @run_id, @action, @state_sha, @review_decision_id, @expires_at, @at)
        """;

    public const string UseAuthorization = "SELECT set_config('cutter.revert_authorization', @id, true)";

    public const string DeleteLifecycle = "DELETE FROM cutter_core.lifecycle_log WHERE run_id = @run_id";
    public const string DeleteVersions = "DELETE FROM cutter_core.unit_version WHERE run_id = @run_id";
    public const string DeleteUnits = "DELETE FROM cutter_core.information_unit WHERE run_id = @run_id";

    public const string ConsumeAuthorization = "UPDATE cutter_governance.revert_authorization SET consumed_at = @at WHERE authorization_id = @id AND consumed_at IS NULL";
}
