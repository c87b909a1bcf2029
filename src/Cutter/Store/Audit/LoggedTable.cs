namespace Cutter.Store.Audit;

/// <summary>
/// A table whose rows the log covers, with its columns in canonical (log-leaf-v1) order, the key the rows of one
/// entry are ordered by, and how a row is named in a finding. Rows of <see cref="Chained"/> tables carry entry_seq
/// (and, when written before 0010, a chain-v1 link); the run table, run_kind and log_redaction are kept as row images in
/// their entries instead.
/// </summary>
internal sealed record LoggedTable(string Table, string Columns, string OrderBy, string KeyExpression)
{
    public static readonly LoggedTable Lifecycle = new("cutter_core.lifecycle_log",
        "log_id, iu_id, from_state, to_state, run_id, review_decision_id, at", "log_id", "'log_id ' || log_id");

    public static readonly LoggedTable Decision = new("cutter_governance.review_decision",
        "review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, recorded_at",
        "review_decision_id", "'review_decision_id ' || review_decision_id");

    public static readonly LoggedTable Ledger = new("cutter_governance.phase_ledger",
        "run_id, phase_no, phase_name, result, rows_written, started_at, finished_at", "run_id, phase_no",
        "'run_id ' || run_id || ' phase_no ' || phase_no");

    public static readonly LoggedTable Run = new("cutter_governance.run",
        "run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at", "run_id", "'run_id ' || run_id");

    /// <summary>A run's kind (initial or amendment) and the enacted state an amendment was planned against (0011).</summary>
    public static readonly LoggedTable RunKind = new("cutter_governance.run_kind",
        "run_id, kind, enacted_sha, recorded_at", "run_id", "'run_kind ' || run_id");

    public static readonly LoggedTable Redaction = new("cutter_governance.log_redaction",
        "table_name, row_key, entry_seq, row_text, run_id, authorization_id, redacted_at", "table_name, row_key",
        "'redacted ' || table_name || ' ' || row_key");

    public static IReadOnlyList<LoggedTable> Chained { get; } = [Lifecycle, Decision, Ledger];

    public static IReadOnlyList<LoggedTable> Imaged { get; } = [Run, RunKind, Redaction];

    /// <summary>How many leading fields of a row image make its key (run_id; table_name and row_key).</summary>
    public int ImageKeyFields => this == Redaction ? 2 : 1;

    /// <summary>
    /// Raw rows, read as stored (no function of the store is called): chain-v1 rows first in chain order, then the
    /// log's rows by entry and key. Fields: entry_seq, chain_seq, prev_hash, row_hash, row name, then <see cref="Columns"/>.
    /// </summary>
    public string RowsSql => $"""
        SELECT entry_seq, chain_seq, prev_hash, row_hash, {KeyExpression} AS row_name, {Columns}
        FROM {Table} ORDER BY entry_seq NULLS FIRST, chain_seq, {OrderBy}
        """;

    /// <summary>Current rows of an imaged table: the row name, then <see cref="Columns"/>, by key.</summary>
    public string ImagedRowsSql => $"SELECT {KeyExpression} AS row_name, {Columns} FROM {Table} ORDER BY {OrderBy}";

    public const int RowsSqlFirstColumn = 5;
}
