-- The transparency log's cost on enact (issue 16, benchmarks/README.md "Transparency log"). Same canonical forms
-- (log-leaf-v1, log-root-v1): only how the lifecycle leaf is computed changes, so every entry written before and
-- after this migration verifies the same way.
--
-- Measured with EXPLAIN ANALYZE on 80,000 rows (psql, throwaway cluster): the leaf aggregate of 0010 spent about
-- half its time in to_char (the UTC timestamp text, once per row) and a further share in count(DISTINCT run_id),
-- which sorts the rows a second time. A statement's rows nearly always share one `at` (an enact stamps every row
-- with the phase's time) and one run: the text of the first row's `at` is computed once and reused for every row
-- with the same value (other values still go through log_time), and "one run" is a uuid comparison with the first
-- row instead of a DISTINCT. The ordered aggregate's sort stays (key order is the canonical order, and a transition
-- table has no order to rely on); it gets 64 MB of work_mem instead of the default 4 MB, so it spills to disk only
-- for larger phases.

CREATE OR REPLACE FUNCTION cutter_governance.log_lifecycle_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET work_mem = '64MB' AS $$
DECLARE
    v_seq bigint := cutter_governance.log_current_entry(TG_TABLE_NAME);
    v_first record;
    v_at_text text;
    s record;
BEGIN
    SELECT r.at, r.run_id INTO v_first FROM new_rows r LIMIT 1;
    IF NOT FOUND THEN RETURN NULL; END IF;
    v_at_text := cutter_governance.log_time(v_first.at);
    SELECT count(*) AS n, count(*) FILTER (WHERE r.entry_seq IS DISTINCT FROM v_seq) AS foreign_rows,
           min(r.log_id)::text AS first_key, max(r.log_id)::text AS last_key,
           CASE WHEN bool_and(r.run_id = v_first.run_id) THEN v_first.run_id END AS run_id,
           -- log-leaf-v1 row text, as cutter_governance.log_lifecycle_text builds it
           string_agg(r.log_id || E'\t' || r.iu_id || E'\t' || cutter_governance.log_text(r.from_state)
               || E'\t' || cutter_governance.log_text(r.to_state) || E'\t' || r.run_id || E'\t' || r.review_decision_id
               || E'\t' || CASE WHEN r.at = v_first.at THEN v_at_text ELSE cutter_governance.log_time(r.at) END || E'\n',
               '' ORDER BY r.log_id) AS lines
    INTO s FROM new_rows r;
    IF s.foreign_rows > 0 THEN
        RAISE EXCEPTION 'cutter: %.% insert refused: entry_seq is the log''s to assign', TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'CT004';
    END IF;
    PERFORM cutter_governance.log_append(v_seq, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'insert', s.run_id, s.n, s.first_key, s.last_key, s.lines, false);
    RETURN NULL;
END
$$;
