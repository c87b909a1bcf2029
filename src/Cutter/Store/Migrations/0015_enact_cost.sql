-- What phase 10's enact UPDATE costs beyond the rows it changes (issue 17, benchmarks/README.md "Phase write
-- throughput"). Same guards, same refusals, same log entries: only how the flag check finds its runs, and one
-- redundant index, change.
--
-- Measured with auto_explain (log_analyze, log_triggers, log_nested_statements) on a throwaway PostgreSQL 15 cluster,
-- one live write of 10,000 units: the UPDATE to enacted took 460 ms, of which the AFTER UPDATE statement trigger
-- information_unit_flag_update (0011's require_marked_update_flags) took 145 ms. Its query joined the two transition
-- tables three times (an inner join and two anti joins, each a merge join over two sorts: six sorts of N rows), and
-- because the planner estimates a join of two tuplestores at N*N/2 rows (1.5M for 10,000), the plan cost passed
-- jit_above_cost and every UPDATE compiled it with JIT first: 44 ms of the 100 ms the query itself took, at any N.
--
-- (1) The same set of runs from ONE full join of the old and new rows on the key (each row pair yields up to three
--     run ids, unnested from an array), with JIT off for the function: its queries read transition tables whose
--     estimates are meaningless to the JIT cost model. Timed inside a statement trigger on a 10,000-row table (psql,
--     four updates each): 0011's query 49-63 ms (JIT included), the same with JIT off 15-23 ms, this one 13-18 ms;
--     at 1,000 rows 1.5-1.9, 1.4-1.5 and 1.0-1.2 ms. Which runs are checked, in which order, with which lock
--     and which error, is unchanged (the rows are keyed by a primary key, so the full join pairs exactly the rows the
--     inner join paired, and leaves alone exactly the rows the two anti joins found):
--       a row present on both sides: the run of its mark when the mark changes (set or cleared), else its run;
--       plus its old run and its new run when its run_id changes;
--       a row present on one side only (its key changed): its run.
-- (2) information_unit_run_idx (run_id) goes: information_unit_run_address (run_id, document_id, address) of 0011
--     begins with run_id and serves every lookup by run (in the plans above the planner already chose it, not
--     information_unit_run_idx, for the enact UPDATE and the lifecycle INSERT ... SELECT). Every unit insert and every non-HOT update (the enact UPDATE cannot be HOT: lifecycle_state is
--     in the predicate of information_unit_enacted_address) maintained both.

CREATE OR REPLACE FUNCTION cutter_governance.require_marked_update_flags() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
    r uuid;
BEGIN
    FOR r IN EXECUTE format($q$
            SELECT DISTINCT x.run_id FROM (
                SELECT unnest(ARRAY[
                    CASE WHEN o.%1$I IS NOT NULL AND n.%1$I IS NOT NULL THEN
                        CASE WHEN o.%2$I IS DISTINCT FROM n.%2$I THEN coalesce(n.%2$I, o.%2$I) ELSE n.run_id END END,
                    CASE WHEN o.%1$I IS NOT NULL AND (n.%1$I IS NULL OR n.run_id IS DISTINCT FROM o.run_id) THEN o.run_id END,
                    CASE WHEN n.%1$I IS NOT NULL AND (o.%1$I IS NULL OR o.run_id IS DISTINCT FROM n.run_id) THEN n.run_id END]) AS run_id
                FROM changed_rows o FULL JOIN changed_rows_new n ON n.%1$I = o.%1$I) x
            WHERE x.run_id IS NOT NULL
            ORDER BY 1$q$, TG_ARGV[0], TG_ARGV[1]) LOOP
        PERFORM 1 FROM cutter_governance.execution_flag f WHERE f.run_id = r AND f.enabled FOR SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'cutter: % on %.% refused: the execution flag is off for run %', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, r
                USING ERRCODE = 'CT001';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

DROP INDEX cutter_core.information_unit_run_idx;
