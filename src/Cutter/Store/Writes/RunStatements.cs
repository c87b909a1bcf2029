namespace Cutter.Store.Writes;

/// <summary>The SQL a run executes, in one place, all parameterized. Phases call these through <see cref="RunStore"/>.</summary>
internal static class RunStatements
{
    public const string FindDocumentByCode = "SELECT document_id, kb_id, title FROM cutter_core.document WHERE code = @code";

    public const string RegisterDocument = """
        INSERT INTO cutter_core.document (kb_id, code, title) VALUES (@kb_id, @code, @title)
        RETURNING document_id
        """;

    public const string CountUnitsOfDocument = "SELECT count(*) FROM cutter_core.information_unit WHERE document_id = @document_id";

    // Governed writes go through the functions of 0009_governed_writes.sql (the lanes hold no direct write on the
    // governance tables); each checks its preconditions and raises a CT0xx SQLSTATE (docs/audit.md).
    // 0011's run_create also records the run's kind (initial, or amendment with the enacted sha its plan pinned).
    public const string InsertRun = "SELECT cutter_governance.run_create(@run_id, @document_id, @mode, @actor, @payload_sha, @candidate_count, @at, @kind, @enacted_sha)";

    public const string UpdateRunState = "SELECT cutter_governance.run_set_state(@run_id, @state, @at)";

    public const string OpenRunsOfDocument = """
        SELECT r.run_id, r.state FROM cutter_governance.run r JOIN cutter_core.document d ON d.document_id = r.document_id
        WHERE d.kb_id = @kb_id AND r.state NOT IN ('closeout_reported', 'compensated', 'reverted', 'abandoned')
        """;

    public const string InsertLedger = "SELECT cutter_governance.ledger_append(@run_id, @phase_no, @phase_name, @rows_written, @started_at, @finished_at)";

    public const string ReadLedger = """
        SELECT phase_no, phase_name, rows_written, started_at, finished_at FROM cutter_governance.phase_ledger
        WHERE run_id = @run_id ORDER BY phase_no
        """;

    public const string EnableFlag = "SELECT cutter_governance.flag_raise(@run_id, @ruling_kb_id)";

    public const string DisableFlagForRun = "SELECT cutter_governance.flag_lower(@run_id)";

    /// <summary>What a resume checks state.json against: the run row and the gates the store recorded for it.</summary>
    public const string StoredRunForResume = """
        SELECT r.mode, r.state, r.candidate_count, r.payload_sha,
               coalesce((SELECT array_agg(d.gate || '=' || d.review_decision_id ORDER BY d.gate) FROM cutter_governance.review_decision d
                         WHERE d.run_id = r.run_id), ARRAY[]::text[])
        FROM cutter_governance.run r WHERE r.run_id = @run_id
        """;

    public const string DocumentOfRun = "SELECT d.kb_id FROM cutter_governance.run r JOIN cutter_core.document d ON d.document_id = r.document_id WHERE r.run_id = @run_id";

    /// <summary>Whether one run's flag is on.</summary>
    public const string ReadFlag = "SELECT coalesce((SELECT enabled FROM cutter_governance.execution_flag WHERE run_id = @run_id), false)";

    /// <summary>The runs whose flag is on (one row per run since 0009).</summary>
    public const string RunsHoldingFlag = "SELECT run_id FROM cutter_governance.execution_flag WHERE enabled ORDER BY changed_at, run_id";

    /// <summary>The run's flag row lock, second in the lock order (<see cref="LockOrder"/>, docs/concurrency.md).</summary>
    public const string LockFlagRow = "SELECT cutter_governance.flag_lock(@run_id)";

    public const string InsertReviewDecision = """
        SELECT cutter_governance.record_decision(@id, @run_id, @gate, @approval_kb_id, @approval_sha256, @payload_sha, @signer,
            @signed_utc, @approval_bytes, @signature, @recorded_at)
        """;

    public const string DecisionIdUsed = "SELECT EXISTS (SELECT 1 FROM cutter_governance.review_decision WHERE review_decision_id = @id)";

    public const string ApprovalUsed = "SELECT EXISTS (SELECT 1 FROM cutter_governance.review_decision WHERE approval_sha256 = @sha)";

    public const string UnitIdsOfRun = "SELECT address, iu_id FROM cutter_core.information_unit WHERE run_id = @run_id";

    public const string Enact = """
        UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted'
        WHERE run_id = @run_id AND lifecycle_state = 'draft'
        """;

    /// <summary>
    /// Phase 10 of an initial run: every draft of the run enacted and one lifecycle_log row per unit it enacted, in one
    /// statement (the log rows come from the UPDATE's RETURNING, so the units are scanned once, not again after the
    /// UPDATE left a dead version of each behind). Returns (units enacted, lifecycle rows written).
    /// </summary>
    public const string EnactAndLog = """
        WITH enacted AS (
            UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted'
            WHERE run_id = @run_id AND lifecycle_state = 'draft'
            RETURNING iu_id, run_id),
        logged AS (
            INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
            SELECT iu_id, 'draft', 'enacted', run_id, @review_decision_id, @at FROM enacted
            RETURNING 1)
        SELECT (SELECT count(*) FROM enacted), (SELECT count(*) FROM logged)
        """;

    /// <summary>One lifecycle_log row per unit of the run (baseline (a1) writes its units enacted and logs them so).</summary>
    public const string LogEnactment = """
        INSERT INTO cutter_core.lifecycle_log (iu_id, from_state, to_state, run_id, review_decision_id, at)
        SELECT iu_id, 'draft', 'enacted', run_id, @review_decision_id, @at
        FROM cutter_core.information_unit WHERE run_id = @run_id
        """;

    /// <summary>
    /// Draft invariants, all computed in the server: counts, states, content hashes recomputed in the form each version
    /// names (<see cref="ContentRehash"/>; a form that cannot be recomputed is counted apart, never as a bad hash),
    /// and the plan hash. The plan's hashes are in @content_form: the (address, sha) sequence is hashed only when every
    /// version of the run is in that form too, and is NULL otherwise (hashes of two forms are not compared).
    /// </summary>
    public const string DraftInvariants = $"""
        WITH versions AS MATERIALIZED (
            SELECT v.content_sha256, v.content_hash_form, {ContentRehash.Recomputed} AS recomputed
            FROM cutter_core.unit_version v WHERE v.run_id = @run_id)
        SELECT
            (SELECT count(*) FROM cutter_core.information_unit WHERE run_id = @run_id) AS units,
            (SELECT count(*) FROM versions) AS versions,
            (SELECT count(*) FROM cutter_core.information_unit WHERE run_id = @run_id AND lifecycle_state <> 'draft') AS not_draft,
            (SELECT count(*) FROM versions WHERE content_sha256 <> recomputed) AS bad_hashes,
            (SELECT count(*) FROM cutter_core.information_unit u WHERE u.run_id = @run_id
                AND NOT EXISTS (SELECT 1 FROM cutter_core.unit_version v WHERE v.iu_id = u.iu_id)) AS units_without_version,
            (SELECT count(*) FROM versions WHERE recomputed IS NULL) AS unknown_form_versions,
            (SELECT coalesce(array_agg(DISTINCT content_hash_form ORDER BY content_hash_form), ARRAY[]::text[])
                FROM versions WHERE recomputed IS NULL) AS unknown_forms,
            (SELECT count(*) FROM versions WHERE recomputed IS NOT NULL AND content_hash_form <> @content_form) AS other_form_versions,
            (SELECT CASE WHEN bool_and(v.content_hash_form = @content_form) IS NOT FALSE
                    THEN encode(sha256(convert_to(coalesce(string_agg(u.address || E'\t' || v.content_sha256, E'\n' ORDER BY u.ordinal), ''), 'UTF8')), 'hex') END
                FROM cutter_core.information_unit u JOIN cutter_core.unit_version v ON v.iu_id = u.iu_id
                WHERE u.run_id = @run_id) AS plan_hash
        """;

    public const string RunRowCounts = """
        SELECT
            (SELECT count(*) FROM cutter_core.information_unit WHERE run_id = @run_id),
            (SELECT count(*) FROM cutter_core.unit_version WHERE run_id = @run_id),
            (SELECT count(*) FROM cutter_core.lifecycle_log WHERE run_id = @run_id),
            (SELECT count(*) FROM cutter_core.information_unit WHERE run_id = @run_id AND lifecycle_state = 'enacted')
        """;

    public const string TryAdvisoryLock = "SELECT pg_try_advisory_lock(hashtextextended('cutter-document:' || @kb_id, 0))";
}
