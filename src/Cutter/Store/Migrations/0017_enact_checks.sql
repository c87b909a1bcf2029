-- What phase 10's enact UPDATE pays in its flag check (issue 17, benchmarks/README.md "Phase write throughput").
-- Same guard, same refusals, same errors, same lock order: only how it finds the runs whose flags it needs.
--
-- Measured with auto_explain (log_analyze, log_triggers, log_nested_statements) on a throwaway PostgreSQL 15 cluster,
-- one live enact of 1,000,000 units (benchmarks: `--enact-explain 1000000`): the enact statement 26.4 s, of which
-- information_unit_flag_update 1.9 s (0015's full join of the old and new rows: two external sorts of 1M rows) and
-- information_unit_unique_enacted_address_update 2.6 s (0016's duplicate check: an external sort of the 1M written
-- rows, 32 MB on disk, for a merge semi join against the enacted units). The first is work the baseline that writes
-- units enacted in the first place (a1) never does.
--
-- (1) require_marked_update_flags: when every old row has one and the same (run_id, mark) and every new row that same
--     pair, the runs whose flags the statement needs are that one run, however the rows pair up: a paired row's mark
--     did not change, so it needs its (unchanged) run; a row on one side only needs its run; no run changed. Two
--     hash aggregates (one pass over each side, no sort, no join) find that case; every other statement takes 0015's
--     full join unchanged. Phase 10's enact (draft to enacted, run R, no retirement mark) is that case; so is any
--     UPDATE whose rows all carry one run and one mark before and after. Measured as above: the trigger 1.9 s -> 0.58 s.
-- Left as it was: 0016's duplicate check. The baseline pays it too (on the COPY of enacted units), and 128 MB of
-- work_mem for it, tried, moved its sort of the 1M written rows into memory without making it faster (1.2 s against
-- 1.1 s on disk: the cost is comparing addresses, not the spill).

CREATE OR REPLACE FUNCTION cutter_governance.require_marked_update_flags() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
    -- One side's distinct (run, mark) pairs, at most two of them: the single pair's values when there is one.
    side_pairs constant text := $q$
            SELECT min(p.run_id::text)::uuid, min(p.mark::text)::uuid, count(*)
            FROM (SELECT c.run_id, c.%1$I AS mark FROM %2$I c GROUP BY 1, 2 LIMIT 2) p$q$;
    r uuid;
    old_run uuid;
    old_mark uuid;
    old_pairs bigint;
    new_run uuid;
    new_mark uuid;
    new_pairs bigint;
    one_run boolean;
BEGIN
    EXECUTE format(side_pairs, TG_ARGV[1], 'changed_rows') INTO old_run, old_mark, old_pairs;
    EXECUTE format(side_pairs, TG_ARGV[1], 'changed_rows_new') INTO new_run, new_mark, new_pairs;
    one_run := coalesce(old_pairs = 1 AND new_pairs = 1 AND old_run = new_run AND old_mark IS NOT DISTINCT FROM new_mark, false);
    FOR r IN EXECUTE CASE WHEN one_run THEN 'SELECT $1' ELSE format($q$
            SELECT DISTINCT x.run_id FROM (
                SELECT unnest(ARRAY[
                    CASE WHEN o.%1$I IS NOT NULL AND n.%1$I IS NOT NULL THEN
                        CASE WHEN o.%2$I IS DISTINCT FROM n.%2$I THEN coalesce(n.%2$I, o.%2$I) ELSE n.run_id END END,
                    CASE WHEN o.%1$I IS NOT NULL AND (n.%1$I IS NULL OR n.run_id IS DISTINCT FROM o.run_id) THEN o.run_id END,
                    CASE WHEN n.%1$I IS NOT NULL AND (o.%1$I IS NULL OR o.run_id IS DISTINCT FROM n.run_id) THEN n.run_id END]) AS run_id
                FROM changed_rows o FULL JOIN changed_rows_new n ON n.%1$I = o.%1$I) x
            WHERE x.run_id IS NOT NULL
            ORDER BY 1$q$, TG_ARGV[0], TG_ARGV[1]) END USING new_run LOOP
        PERFORM 1 FROM cutter_governance.execution_flag f WHERE f.run_id = r AND f.enabled FOR SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'cutter: % on %.% refused: the execution flag is off for run %', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, r
                USING ERRCODE = 'CT001';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
