-- Tamper-evident audit trail: lifecycle_log, review_decision and phase_ledger each carry one hash chain.
--
-- Choice: one chain per table (not per document). Writers serialize on a per-table advisory transaction lock
-- inside the insert trigger, so the chain cannot fork under concurrency; the lock is held only from the insert
-- to the commit of the writing transaction, and runs on one document are already serialized by the run lock.
--
-- Each row gets chain_seq (from a sequence drawn AFTER the lock is taken, so chain order = chain_seq order),
-- prev_hash (the row_hash of the previous row by chain_seq; NULL for the first row) and
--   row_hash = 'sha256:chain-v1:' || hex(sha256(utf8(<row text> || TAB || coalesce(prev_hash, ''))))
-- The row text (the canonical form, version chain-v1) is defined ONCE, by the *_row_text functions below, which
-- both the trigger and `cutter audit verify` call: the fields in the order listed, tab-separated, each passed
-- through chain_field (NULL -> \N; backslash, tab, newline, carriage return escaped as \\ \t \n \r), timestamps
-- as UTC 'YYYY-MM-DDTHH:MI:SS.ffffffZ', numbers and uuids in their PostgreSQL text form.
--
-- A governed revert deletes lifecycle_log rows; the deleted rows' links are kept in chain_redaction (written by an
-- AFTER DELETE trigger in the same transaction) so the verifier can bridge that gap and only that gap.

CREATE FUNCTION cutter_governance.chain_field(v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(replace(replace(replace(replace(v, E'\\', E'\\\\'), E'\t', E'\\t'), E'\n', E'\\n'), E'\r', E'\\r'), E'\\N')
$$;

CREATE FUNCTION cutter_governance.chain_time(v timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), E'\\N')
$$;

CREATE FUNCTION cutter_governance.chain_hash(row_text text, prev_hash text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'sha256:chain-v1:' || encode(sha256(convert_to(row_text || E'\t' || coalesce(prev_hash, ''), 'UTF8')), 'hex')
$$;

ALTER TABLE cutter_core.lifecycle_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;
ALTER TABLE cutter_governance.review_decision ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;
ALTER TABLE cutter_governance.phase_ledger ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;

CREATE SEQUENCE cutter_core.lifecycle_log_chain_seq;
CREATE SEQUENCE cutter_governance.review_decision_chain_seq;
CREATE SEQUENCE cutter_governance.phase_ledger_chain_seq;

-- chain-v1 row text of lifecycle_log: chain_seq, log_id, iu_id, from_state, to_state, run_id, review_decision_id, at.
CREATE FUNCTION cutter_core.lifecycle_row_text(r cutter_core.lifecycle_log) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\t',
        cutter_governance.chain_field(r.chain_seq::text), cutter_governance.chain_field(r.log_id::text),
        cutter_governance.chain_field(r.iu_id::text), cutter_governance.chain_field(r.from_state),
        cutter_governance.chain_field(r.to_state), cutter_governance.chain_field(r.run_id::text),
        cutter_governance.chain_field(r.review_decision_id::text), cutter_governance.chain_time(r.at))
$$;

-- chain-v1 row text of review_decision: chain_seq, review_decision_id, run_id, gate, approval_kb_id,
-- approval_sha256, payload_sha, signer, signed_utc, recorded_at.
CREATE FUNCTION cutter_governance.review_decision_row_text(r cutter_governance.review_decision) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\t',
        cutter_governance.chain_field(r.chain_seq::text), cutter_governance.chain_field(r.review_decision_id::text),
        cutter_governance.chain_field(r.run_id::text), cutter_governance.chain_field(r.gate),
        cutter_governance.chain_field(r.approval_kb_id), cutter_governance.chain_field(r.approval_sha256),
        cutter_governance.chain_field(r.payload_sha), cutter_governance.chain_field(r.signer),
        cutter_governance.chain_time(r.signed_utc), cutter_governance.chain_time(r.recorded_at))
$$;

-- chain-v1 row text of phase_ledger: chain_seq, run_id, phase_no, phase_name, result, rows_written, started_at, finished_at.
CREATE FUNCTION cutter_governance.phase_ledger_row_text(r cutter_governance.phase_ledger) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT concat_ws(E'\t',
        cutter_governance.chain_field(r.chain_seq::text), cutter_governance.chain_field(r.run_id::text),
        cutter_governance.chain_field(r.phase_no::text), cutter_governance.chain_field(r.phase_name),
        cutter_governance.chain_field(r.result), cutter_governance.chain_field(r.rows_written::text),
        cutter_governance.chain_time(r.started_at), cutter_governance.chain_time(r.finished_at))
$$;

-- Backfill rows written before this migration, in their insertion order, so a store migrated from 0005 verifies.
DO $$
DECLARE
    r record;
    prev text := NULL;
BEGIN
    ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER lifecycle_log_immutable;
    ALTER TABLE cutter_core.lifecycle_log DISABLE TRIGGER lifecycle_log_requires_flag;
    FOR r IN SELECT log_id FROM cutter_core.lifecycle_log ORDER BY log_id LOOP
        UPDATE cutter_core.lifecycle_log SET chain_seq = nextval('cutter_core.lifecycle_log_chain_seq') WHERE log_id = r.log_id;
        UPDATE cutter_core.lifecycle_log l
        SET prev_hash = prev, row_hash = cutter_governance.chain_hash(cutter_core.lifecycle_row_text(l), prev)
        WHERE l.log_id = r.log_id
        RETURNING l.row_hash INTO prev;
    END LOOP;
    ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER lifecycle_log_immutable;
    ALTER TABLE cutter_core.lifecycle_log ENABLE TRIGGER lifecycle_log_requires_flag;

    prev := NULL;
    ALTER TABLE cutter_governance.review_decision DISABLE TRIGGER review_decision_immutable;
    FOR r IN SELECT review_decision_id FROM cutter_governance.review_decision ORDER BY recorded_at, review_decision_id LOOP
        UPDATE cutter_governance.review_decision SET chain_seq = nextval('cutter_governance.review_decision_chain_seq')
        WHERE review_decision_id = r.review_decision_id;
        UPDATE cutter_governance.review_decision d
        SET prev_hash = prev, row_hash = cutter_governance.chain_hash(cutter_governance.review_decision_row_text(d), prev)
        WHERE d.review_decision_id = r.review_decision_id
        RETURNING d.row_hash INTO prev;
    END LOOP;
    ALTER TABLE cutter_governance.review_decision ENABLE TRIGGER review_decision_immutable;

    prev := NULL;
    ALTER TABLE cutter_governance.phase_ledger DISABLE TRIGGER phase_ledger_immutable;
    FOR r IN SELECT run_id, phase_no FROM cutter_governance.phase_ledger ORDER BY finished_at, run_id, phase_no LOOP
        UPDATE cutter_governance.phase_ledger SET chain_seq = nextval('cutter_governance.phase_ledger_chain_seq')
        WHERE run_id = r.run_id AND phase_no = r.phase_no;
        UPDATE cutter_governance.phase_ledger p
        SET prev_hash = prev, row_hash = cutter_governance.chain_hash(cutter_governance.phase_ledger_row_text(p), prev)
        WHERE p.run_id = r.run_id AND p.phase_no = r.phase_no
        RETURNING p.row_hash INTO prev;
    END LOOP;
    ALTER TABLE cutter_governance.phase_ledger ENABLE TRIGGER phase_ledger_immutable;
END
$$;

ALTER TABLE cutter_core.lifecycle_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL,
    ADD CONSTRAINT lifecycle_log_chain_seq_key UNIQUE (chain_seq);
ALTER TABLE cutter_governance.review_decision ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL,
    ADD CONSTRAINT review_decision_chain_seq_key UNIQUE (chain_seq);
ALTER TABLE cutter_governance.phase_ledger ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL,
    ADD CONSTRAINT phase_ledger_chain_seq_key UNIQUE (chain_seq);

-- The chain link of every insert. Any chain_seq/prev_hash/row_hash a writer supplies is overwritten.
-- Rows inserted earlier by the same statement are visible here, so a bulk INSERT ... SELECT chains row by row.
-- The chain works under READ COMMITTED (each query in this function takes a fresh snapshot after the lock);
-- a snapshot-isolated writer could read a stale head, so it is refused.
CREATE FUNCTION cutter_governance.link_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    head text;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cutter: %.% insert refused: the audit chain needs READ COMMITTED, not %',
            TG_TABLE_SCHEMA, TG_TABLE_NAME, current_setting('transaction_isolation') USING ERRCODE = 'CT003';
    END IF;
    IF TG_TABLE_NAME = 'lifecycle_log' THEN
        PERFORM pg_advisory_xact_lock(727001, 1);
        NEW.chain_seq := nextval('cutter_core.lifecycle_log_chain_seq');
        -- The head may be a link a governed revert removed: the next row links to it, so the gap stays bridged.
        SELECT h.row_hash INTO head FROM (
            SELECT l.chain_seq, l.row_hash FROM cutter_core.lifecycle_log l
            UNION ALL
            SELECT r.chain_seq, r.row_hash FROM cutter_governance.chain_redaction r WHERE r.table_name = 'cutter_core.lifecycle_log'
        ) h ORDER BY h.chain_seq DESC LIMIT 1;
        NEW.prev_hash := head;
        NEW.row_hash := cutter_governance.chain_hash(cutter_core.lifecycle_row_text(NEW), head);
    ELSIF TG_TABLE_NAME = 'review_decision' THEN
        PERFORM pg_advisory_xact_lock(727001, 2);
        NEW.chain_seq := nextval('cutter_governance.review_decision_chain_seq');
        SELECT d.row_hash INTO head FROM cutter_governance.review_decision d ORDER BY d.chain_seq DESC LIMIT 1;
        NEW.prev_hash := head;
        NEW.row_hash := cutter_governance.chain_hash(cutter_governance.review_decision_row_text(NEW), head);
    ELSE
        PERFORM pg_advisory_xact_lock(727001, 3);
        NEW.chain_seq := nextval('cutter_governance.phase_ledger_chain_seq');
        SELECT p.row_hash INTO head FROM cutter_governance.phase_ledger p ORDER BY p.chain_seq DESC LIMIT 1;
        NEW.prev_hash := head;
        NEW.row_hash := cutter_governance.chain_hash(cutter_governance.phase_ledger_row_text(NEW), head);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER lifecycle_log_chain BEFORE INSERT ON cutter_core.lifecycle_log
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.link_chain();
CREATE TRIGGER review_decision_chain BEFORE INSERT ON cutter_governance.review_decision
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.link_chain();
CREATE TRIGGER phase_ledger_chain BEFORE INSERT ON cutter_governance.phase_ledger
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.link_chain();

-- Links of lifecycle rows removed by a governed revert (the only delete the guards let through).
CREATE TABLE cutter_governance.chain_redaction (
    table_name       text NOT NULL,
    chain_seq        bigint NOT NULL,
    prev_hash        text,
    row_hash         text NOT NULL,
    run_id           uuid NOT NULL,
    authorization_id uuid NOT NULL,
    redacted_at      timestamptz NOT NULL,
    PRIMARY KEY (table_name, chain_seq)
);

CREATE FUNCTION cutter_governance.record_redaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Only a governed delete leaves a bridge; any other delete (the owner with the guards disabled) is left to
    -- break the chain, which is the point.
    IF cutter_governance.revert_authorized(OLD.run_id) THEN
        INSERT INTO cutter_governance.chain_redaction (table_name, chain_seq, prev_hash, row_hash, run_id, authorization_id, redacted_at)
        VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, OLD.chain_seq, OLD.prev_hash, OLD.row_hash, OLD.run_id,
                current_setting('cutter.revert_authorization')::uuid, now());
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER lifecycle_log_redaction AFTER DELETE ON cutter_core.lifecycle_log
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.record_redaction();
CREATE TRIGGER chain_redaction_immutable BEFORE UPDATE OR DELETE ON cutter_governance.chain_redaction
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();

-- Grants (part of the grant matrix: its sha changes with this migration).
GRANT USAGE ON SEQUENCE cutter_core.lifecycle_log_chain_seq, cutter_governance.review_decision_chain_seq,
    cutter_governance.phase_ledger_chain_seq TO cutter_exec;
GRANT SELECT ON SEQUENCE cutter_core.lifecycle_log_chain_seq, cutter_governance.review_decision_chain_seq,
    cutter_governance.phase_ledger_chain_seq TO cutter_verify;
GRANT SELECT ON cutter_governance.chain_redaction TO cutter_exec, cutter_verify;
GRANT INSERT ON cutter_governance.chain_redaction TO cutter_exec;
