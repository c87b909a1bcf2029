namespace Cutter.Store.Audit;

/// <summary>One chained table of the store: its name, the SQL function that gives a row's chain-v1 text, and how a row is named.</summary>
internal sealed record ChainedTable(string Table, string RowTextFunction, string RowKeyExpression)
{
    public static IReadOnlyList<ChainedTable> All { get; } =
    [
        new("cutter_core.lifecycle_log", "cutter_core.lifecycle_row_text", "'log_id ' || t.log_id"),
        new("cutter_governance.review_decision", "cutter_governance.review_decision_row_text", "'review_decision_id ' || t.review_decision_id"),
        new("cutter_governance.phase_ledger", "cutter_governance.phase_ledger_row_text", "'run_id ' || t.run_id || ' phase_no ' || t.phase_no"),
    ];

    /// <summary>Whether a link with row_hash <c>@row_hash</c> is in the chain (a live row, or a row a governed revert redacted).</summary>
    public string ContainsLinkSql => $"""
        SELECT EXISTS (SELECT 1 FROM {Table} WHERE row_hash = @row_hash)
            OR EXISTS (SELECT 1 FROM cutter_governance.chain_redaction WHERE table_name = '{Table}' AND row_hash = @row_hash)
        """;

    /// <summary>
    /// Every link in chain order: live rows with the hash recomputed by the server from the same row-text function
    /// the insert trigger uses, and the links of rows a governed revert removed (kept in chain_redaction, accepted
    /// only when they name a revert authorization of the same run).
    /// </summary>
    public string LinksSql => $"""
        SELECT l.chain_seq, l.row_key, l.prev_hash, l.row_hash, l.recomputed
        FROM (
            SELECT t.chain_seq, {RowKeyExpression} AS row_key, t.prev_hash, t.row_hash,
                   cutter_governance.chain_hash({RowTextFunction}(t), t.prev_hash) AS recomputed
            FROM {Table} t
            UNION ALL
            SELECT r.chain_seq, 'redacted chain_seq ' || r.chain_seq || ' (run ' || r.run_id || ', revert authorization ' || r.authorization_id || ')',
                   r.prev_hash, r.row_hash,
                   CASE WHEN EXISTS (SELECT 1 FROM cutter_governance.revert_authorization a
                                     WHERE a.authorization_id = r.authorization_id AND a.run_id = r.run_id)
                        THEN r.row_hash END
            FROM cutter_governance.chain_redaction r
            WHERE r.table_name = '{Table}'
        ) l
        ORDER BY l.chain_seq
        """;
}
