-- Phase 10's enact UPDATE as a HOT update (issue 17, benchmarks/README.md "What would close the 100k gap"). Same
-- refusals, same log entries; what changes is how "one enacted unit per (document, address)" is enforced.
--
-- A HOT update needs (a) no index on a column the UPDATE changes, including a partial index's predicate, and (b) room
-- on the row's own page for its new version. 0011's information_unit_enacted_address was a partial unique index
-- WHERE lifecycle_state = 'enacted', so every enact wrote a new version on another page and a new entry in each of
-- the table's indexes (7 WAL records, 656 bytes a unit at 100k). Measured first (the README's HOT experiment table,
-- 100,000 rows): the enact statement 2.8-3.3 s today, 1.4-1.5 s with neither the partial index nor full pages.
--
-- (1) fillfactor 45. A unit row is about 150-200 bytes with its header (ids, document, address, ordinal, kind,
--     heading, state, run); an enact writes one new version of every row of the run, so each page must keep room for
--     one more copy of each of its rows: 45% filled leaves 55% free, a new version of every row plus slack for rows
--     whose heading makes them longer than the page's average (the experiment: 100,000 of 100,000 updates HOT at 45).
--     Applies to pages written from now on (existing stores keep their full pages until rewritten).
-- (2) The guarantee moves from the index to a statement-level AFTER INSERT / AFTER UPDATE trigger on the rows the
--     statement wrote (its NEW TABLE): it locks the rows of the documents those rows enact units of (FOR NO KEY UPDATE,
--     in document_id order, held to the end of the transaction), then refuses with 23505 (unique_violation) any
--     (document, address) among them with more than one enacted unit, naming the document and address, so the
--     statement and everything it wrote is rolled back. FOR NO KEY UPDATE, not FOR UPDATE: it conflicts with itself,
--     so two enacts of one document serialize, but not with the FOR KEY SHARE lock a foreign-key check takes, so a
--     concurrent draft write of the same document (phase 7 of another run) does not block an enact.
--     Isolation: under READ COMMITTED (every product connection) each query of the function takes a new snapshot, so
--     the check, run after the lock is granted, sees every enact committed before that. Under REPEATABLE READ or
--     SERIALIZABLE the snapshot is the transaction's first, and an enact committed while this one waited for the lock
--     would be invisible to the check: a statement that enacts a unit at any other level is refused with CT003 (0006's
--     code for "needs READ COMMITTED"; the enact's lifecycle_log insert is refused so too).
--     Statements that enact nothing (draft inserts, retirements, every COPY of phase 7) return before the lock.
--     Two triggers, not one: PostgreSQL refuses transition tables on a trigger with more than one event. Their names
--     sort after information_unit_flag_*, so AFTER triggers of one statement (fired in name order) take the run's flag
--     row before the document row: the document row is the last lock of docs/concurrency.md's order, taken after the
--     flag row and the log lock in every transaction, the product's phase transactions and a hand-written enact alike.
-- Trust boundary: a trigger, unlike an index, can be disabled, but only by the table's owner (ALTER TABLE needs
-- ownership; session_replication_role needs superuser); the lanes cannot. The schema surface (SchemaSurface.cs) pins
-- each trigger's definition and enabled state and the function's definition, so disabling or replacing it is seen by
-- precheck schema_pin and verification check schema_sha_matches_pin, and both triggers are in the post-run check
-- immutability_triggers_enabled (Store/VerificationReads.cs), as for every other guard.

ALTER TABLE cutter_core.information_unit SET (fillfactor = 45);

CREATE FUNCTION cutter_core.require_one_enacted_unit_per_address() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET jit = off AS $$
DECLARE
    duplicate record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM written_units w WHERE w.lifecycle_state = 'enacted') THEN
        RETURN NULL;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cutter: % on %.% refused: enacting information units needs READ COMMITTED, this transaction is %',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, upper(current_setting('transaction_isolation'))
            USING ERRCODE = 'CT003',
                  HINT = 'the one-enacted-unit-per-address check must see enacts committed while it waited for the document lock';
    END IF;
    PERFORM 1 FROM cutter_core.document d
    WHERE d.document_id IN (SELECT w.document_id FROM written_units w WHERE w.lifecycle_state = 'enacted')
    ORDER BY d.document_id FOR NO KEY UPDATE;
    SELECT u.document_id, u.address, count(*) AS units INTO duplicate
    FROM cutter_core.information_unit u
    WHERE u.lifecycle_state = 'enacted'
      AND (u.document_id, u.address) IN (SELECT w.document_id, w.address FROM written_units w WHERE w.lifecycle_state = 'enacted')
    GROUP BY u.document_id, u.address
    HAVING count(*) > 1
    ORDER BY u.document_id, u.address
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'cutter: % on %.% refused: document % would have % enacted information units at address %',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, duplicate.document_id, duplicate.units, duplicate.address
            USING ERRCODE = 'unique_violation';
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION cutter_core.require_one_enacted_unit_per_address() FROM PUBLIC;

CREATE TRIGGER information_unit_unique_enacted_address_insert AFTER INSERT ON cutter_core.information_unit
    REFERENCING NEW TABLE AS written_units
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_core.require_one_enacted_unit_per_address();
CREATE TRIGGER information_unit_unique_enacted_address_update AFTER UPDATE ON cutter_core.information_unit
    REFERENCING NEW TABLE AS written_units
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_core.require_one_enacted_unit_per_address();

DROP INDEX cutter_core.information_unit_enacted_address;
