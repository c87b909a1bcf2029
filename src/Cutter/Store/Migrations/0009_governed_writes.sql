-- Governed writes: the lanes cannot govern themselves (issue 15).
--
-- Before this migration the exec lane wrote the governance tables directly, so a stolen cutter_exec password could
-- turn the execution flag on, insert review decisions and revert authorizations, and delete a finished run's rows.
-- From here on every governed write goes through a SECURITY DEFINER function owned by the NOLOGIN role
-- cutter_governor, with search_path pinned to pg_catalog, pg_temp and every name schema-qualified; each checks its
-- preconditions in the caller's transaction. The lanes keep SELECT; cutter_exec gets EXECUTE on the functions and
-- keeps INSERT/DELETE/UPDATE(lifecycle_state) on the content tables, which the guards below bind to a per-run flag.
--
-- SQLSTATEs (classified by code, never by message text; 0004 defines CT001 and CT002, 0006 CT003):
--   CT001  write refused: the execution flag is off for a run whose rows the statement writes
--   CT002  immutable row: update or delete refused
--   CT010  TRUNCATE refused on a protected table
--   CT011  unknown run: the function names a run the run table does not hold (or a run id already taken)
--   CT012  the run's state does not allow this write (flag raise, state change, decision gate order)
--   CT013  phase ledger out of order (a phase number not above the run's last)
--   CT014  decision binding mismatch: gate, run, payload sha or approval sha disagree with the run row or the bytes
--   CT015  replay: the decision id or the approval sha was already recorded
--   CT016  decision evidence missing: a live run's decision without the approval bytes, signature and signer
--   CT017  no usable revert authorization: not created by this transaction, consumed or expired
--
-- Functions (all in cutter_governance, EXECUTE granted to cutter_exec only):
--   run_create(run_id, document_id, mode, actor, payload_sha, candidate_count, at)         CT011
--   run_set_state(run_id, state, at)                                                      CT011 CT012
--   ledger_append(run_id, phase_no, phase_name, rows_written, started_at, finished_at)    CT011 CT013
--   flag_lock(run_id)                           the run's flag row FOR UPDATE (docs/concurrency.md lock order)
--   flag_raise(run_id, ruling_kb_id) -> bool    CT011 CT012 CT014
--   flag_lower(run_id) -> bool
--   record_decision(id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc,
--                   approval_bytes, signature, at)                                        CT011 CT012 CT014 CT015 CT016
--   record_escalation(id, run_id, approval_kb_id, approval_sha256, payload_sha, signer, signed_utc, approval_bytes,
--                     signature, action, state_sha, at) -> authorization uuid            (as record_decision) CT012
--   finish_escalation(authorization_id, at) -> run state                                  CT012 CT017
--
-- What this does NOT stop: the owner (it owns the tables and can disable triggers); the audit chains and the signed
-- checkpoints detect that, not these guards (docs/audit.md, "Trust boundary").

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cutter_governor') THEN
        CREATE ROLE cutter_governor NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
    -- A non-superuser owner must be a member to give its functions to the governor.
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT cutter_governor TO %I', current_user);
    END IF;
END
$$;

-- The governor writes what the functions write, and nothing else.
GRANT USAGE ON SCHEMA cutter_core, cutter_governance TO cutter_governor;
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_core TO cutter_governor;
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_governance TO cutter_governor;
GRANT INSERT, UPDATE ON cutter_governance.execution_flag, cutter_governance.run, cutter_governance.revert_authorization TO cutter_governor;
GRANT INSERT ON cutter_governance.review_decision, cutter_governance.phase_ledger, cutter_governance.chain_redaction TO cutter_governor;
GRANT USAGE ON SEQUENCE cutter_governance.review_decision_chain_seq, cutter_governance.phase_ledger_chain_seq TO cutter_governor;

-- ---------------------------------------------------------------------------------------------------------------
-- Per-run execution flag: one row per run (present from run_create), enabled only while that run writes. Runs of
-- different documents no longer share (and serialize on) one row.
-- ---------------------------------------------------------------------------------------------------------------
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM cutter_governance.execution_flag WHERE enabled) THEN
        RAISE EXCEPTION 'cutter: migration 0009 refused: the execution flag is on (run %); let the run finish or lower it first',
            (SELECT run_id FROM cutter_governance.execution_flag WHERE enabled) USING ERRCODE = 'CT012';
    END IF;
END
$$;
DELETE FROM cutter_governance.execution_flag;
ALTER TABLE cutter_governance.execution_flag DROP CONSTRAINT execution_flag_pkey;
ALTER TABLE cutter_governance.execution_flag DROP COLUMN flag_name;
ALTER TABLE cutter_governance.execution_flag ALTER COLUMN run_id SET NOT NULL, ADD PRIMARY KEY (run_id);

-- ---------------------------------------------------------------------------------------------------------------
-- Evidence: a decision keeps the signed approval itself, verbatim, so an auditor can re-verify it offline.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE cutter_governance.review_decision
    ADD COLUMN approval_bytes bytea,
    ADD COLUMN signature text,
    ADD COLUMN state_sha text;

-- The decisions recorded before this migration carry no evidence and never will: listed here once, by the owner, so
-- `cutter audit verify` names them as such instead of as unsigned (a decision recorded later can never join the list).
CREATE TABLE cutter_governance.decision_without_evidence (
    review_decision_id uuid PRIMARY KEY REFERENCES cutter_governance.review_decision (review_decision_id)
);
INSERT INTO cutter_governance.decision_without_evidence (review_decision_id)
SELECT review_decision_id FROM cutter_governance.review_decision;
GRANT SELECT ON cutter_governance.decision_without_evidence TO cutter_exec, cutter_verify, cutter_governor;

-- A revert authorization is bound to the transaction that created it (with the SG_3 decision).
ALTER TABLE cutter_governance.revert_authorization ADD COLUMN created_xact bigint;

-- ---------------------------------------------------------------------------------------------------------------
-- Content-table guards: set-based, one check per statement over the distinct run ids of the rows it wrote.
-- ---------------------------------------------------------------------------------------------------------------
-- 0004's BEFORE statement triggers stay as a cheap first refusal while no run holds the flag at all (CT001 before any
-- row trigger runs); the AFTER statement triggers below are the real check, per run.
CREATE OR REPLACE FUNCTION cutter_governance.require_execution_enabled() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cutter_governance.execution_flag WHERE enabled) THEN
        RAISE EXCEPTION 'cutter: % on %.% refused: the execution flag is off for every run',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'CT001';
    END IF;
    RETURN NULL;
END
$$;

-- Every run id in changed_rows (and, for an UPDATE, in changed_rows_new) must hold its flag; the flag row is share-locked
-- to the end of the transaction, so lowering it waits for this transaction, and a flag lowered before it fails it.
CREATE FUNCTION cutter_governance.require_run_flags() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r uuid;
BEGIN
    -- An UPDATE could move a row to another run: both sides must hold their flag (changed_rows_new exists only then).
    FOR r IN EXECUTE CASE WHEN TG_OP = 'UPDATE'
            THEN 'SELECT run_id FROM changed_rows UNION SELECT run_id FROM changed_rows_new ORDER BY 1'
            ELSE 'SELECT DISTINCT run_id FROM changed_rows ORDER BY 1' END LOOP
        PERFORM 1 FROM cutter_governance.execution_flag f WHERE f.run_id = r AND f.enabled FOR SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'cutter: % on %.% refused: the execution flag is off for run %', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, r
                USING ERRCODE = 'CT001';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

-- information_unit_flag_{insert,update,delete}, unit_version_flag_*, lifecycle_log_flag_*.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['information_unit', 'unit_version', 'lifecycle_log'] LOOP
        EXECUTE format('CREATE TRIGGER %s_flag_insert AFTER INSERT ON cutter_core.%s REFERENCING NEW TABLE AS changed_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_run_flags()', t, t);
        EXECUTE format('CREATE TRIGGER %s_flag_update AFTER UPDATE ON cutter_core.%s REFERENCING OLD TABLE AS changed_rows NEW TABLE AS changed_rows_new '
            'FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_run_flags()', t, t);
        EXECUTE format('CREATE TRIGGER %s_flag_delete AFTER DELETE ON cutter_core.%s REFERENCING OLD TABLE AS changed_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_run_flags()', t, t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- TRUNCATE fires no row trigger, so every protected table gets a statement guard of its own.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION cutter_governance.refuse_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'cutter: TRUNCATE of %.% refused: governed rows are removed only by a governed revert', TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'CT010';
END
$$;
-- <table>_no_truncate on every protected table.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cutter_core.document', 'cutter_core.information_unit', 'cutter_core.unit_version', 'cutter_core.lifecycle_log',
                             'cutter_governance.run', 'cutter_governance.phase_ledger', 'cutter_governance.review_decision',
                             'cutter_governance.execution_flag', 'cutter_governance.revert_authorization', 'cutter_governance.chain_redaction',
                             'cutter_governance.decision_without_evidence'] LOOP
        EXECUTE format('CREATE TRIGGER %s_no_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.refuse_truncate()',
            split_part(t, '.', 2), t);
    END LOOP;
END
$$;

-- Run rows never go; revert authorizations only get consumed (by finish_escalation).
CREATE TRIGGER run_immutable BEFORE DELETE ON cutter_governance.run
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER revert_authorization_immutable BEFORE DELETE ON cutter_governance.revert_authorization
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER decision_without_evidence_immutable BEFORE UPDATE OR DELETE ON cutter_governance.decision_without_evidence
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();

-- ---------------------------------------------------------------------------------------------------------------
-- revert_authorized: true only for an authorization this very transaction created (with its SG_3 decision), unused
-- and unexpired. The setting cutter.revert_authorization no longer counts for anything.
-- ---------------------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION cutter_governance.revert_authorized(p_run_id uuid) RETURNS boolean
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1
        FROM cutter_governance.revert_authorization a
        WHERE a.run_id = p_run_id
          AND a.created_xact = txid_current()
          AND a.consumed_at IS NULL
          AND a.expires_at > now())
$$;

-- The bridge of a governed delete, written by the governor (the lanes cannot write chain_redaction).
CREATE OR REPLACE FUNCTION cutter_governance.record_redaction() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_authorization uuid;
BEGIN
    SELECT a.authorization_id INTO v_authorization
    FROM cutter_governance.revert_authorization a
    WHERE a.run_id = OLD.run_id AND a.created_xact = txid_current() AND a.consumed_at IS NULL AND a.expires_at > now();
    -- Only a governed delete leaves a bridge; any other delete (the owner with the guards disabled) is left to
    -- break the chain, which is the point.
    IF v_authorization IS NOT NULL THEN
        INSERT INTO cutter_governance.chain_redaction (table_name, chain_seq, prev_hash, row_hash, run_id, authorization_id, redacted_at)
        VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, OLD.chain_seq, OLD.prev_hash, OLD.row_hash, OLD.run_id, v_authorization, now());
    END IF;
    RETURN OLD;
END
$$;
ALTER FUNCTION cutter_governance.record_redaction() OWNER TO cutter_governor;
ALTER FUNCTION cutter_governance.require_run_flags() OWNER TO cutter_governor;

-- ---------------------------------------------------------------------------------------------------------------
-- Run bookkeeping.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION cutter_governance.run_create(p_run_id uuid, p_document_id bigint, p_mode text, p_actor text, p_payload_sha text,
    p_candidate_count integer, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM cutter_governance.run WHERE run_id = p_run_id) THEN
        RAISE EXCEPTION 'cutter: run % already exists', p_run_id USING ERRCODE = 'CT011';
    END IF;
    INSERT INTO cutter_governance.run (run_id, document_id, mode, actor, payload_sha, candidate_count, state, created_at, updated_at)
    VALUES (p_run_id, p_document_id, p_mode, p_actor, p_payload_sha, p_candidate_count, 'running', p_at, p_at);
    INSERT INTO cutter_governance.execution_flag (run_id, enabled, ruling_kb_id, changed_at) VALUES (p_run_id, false, NULL, p_at);
END
$$;

-- The states a run may be moved to here; reverted and compensated are set only by finish_escalation.
CREATE FUNCTION cutter_governance.run_set_state(p_run_id uuid, p_state text, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_state text;
BEGIN
    SELECT r.state INTO v_state FROM cutter_governance.run r WHERE r.run_id = p_run_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: unknown run %', p_run_id USING ERRCODE = 'CT011';
    END IF;
    IF v_state IN ('closeout_reported', 'compensated', 'reverted', 'abandoned') THEN
        RAISE EXCEPTION 'cutter: run % is %: its state is final', p_run_id, v_state USING ERRCODE = 'CT012';
    END IF;
    IF p_state NOT IN ('running', 'awaiting_SG_2', 'closeout_reported') THEN
        RAISE EXCEPTION 'cutter: run % cannot be set to % here', p_run_id, p_state USING ERRCODE = 'CT012';
    END IF;
    IF p_state = 'closeout_reported' AND NOT EXISTS (
        SELECT 1 FROM cutter_governance.phase_ledger l WHERE l.run_id = p_run_id AND l.phase_no = 10) THEN
        RAISE EXCEPTION 'cutter: run % cannot close out before phase 10 is in its ledger', p_run_id USING ERRCODE = 'CT012';
    END IF;
    UPDATE cutter_governance.run SET state = p_state, updated_at = p_at WHERE run_id = p_run_id;
END
$$;

CREATE FUNCTION cutter_governance.ledger_append(p_run_id uuid, p_phase_no smallint, p_phase_name text, p_rows_written bigint,
    p_started_at timestamptz, p_finished_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_last smallint;
BEGIN
    PERFORM 1 FROM cutter_governance.run r WHERE r.run_id = p_run_id FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: unknown run %', p_run_id USING ERRCODE = 'CT011';
    END IF;
    SELECT max(l.phase_no) INTO v_last FROM cutter_governance.phase_ledger l WHERE l.run_id = p_run_id;
    IF p_phase_no <= coalesce(v_last, 0) THEN
        RAISE EXCEPTION 'cutter: phase % of run % is out of order: the ledger already ends at phase %', p_phase_no, p_run_id, v_last
            USING ERRCODE = 'CT013';
    END IF;
    INSERT INTO cutter_governance.phase_ledger (run_id, phase_no, phase_name, result, rows_written, started_at, finished_at)
    VALUES (p_run_id, p_phase_no, p_phase_name, 'passed', p_rows_written, p_started_at, p_finished_at);
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- The flag.
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION cutter_governance.flag_lock(p_run_id uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM 1 FROM cutter_governance.execution_flag f WHERE f.run_id = p_run_id FOR UPDATE;
END
$$;

-- Raised for a run that exists, may write (running, or awaiting_SG_2 with its SG_2 decision recorded), has its SG_1
-- decision, under a ruling named by KB id (a simulate run's stand-in is 'simulation').
CREATE FUNCTION cutter_governance.flag_raise(p_run_id uuid, p_ruling_kb_id text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_run cutter_governance.run;
BEGIN
    SELECT * INTO v_run FROM cutter_governance.run r WHERE r.run_id = p_run_id FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: execution flag refused: unknown run %', p_run_id USING ERRCODE = 'CT011';
    END IF;
    IF v_run.state NOT IN ('running', 'awaiting_SG_2') THEN
        RAISE EXCEPTION 'cutter: execution flag refused: run % is %', p_run_id, v_run.state USING ERRCODE = 'CT012';
    END IF;
    IF v_run.mode = 'live' AND coalesce(p_ruling_kb_id, '') !~ '^KB-[0-9]{1,9}$' THEN
        RAISE EXCEPTION 'cutter: execution flag refused: run % names no execution ruling (%)', p_run_id, coalesce(p_ruling_kb_id, 'NULL')
            USING ERRCODE = 'CT014';
    END IF;
    IF v_run.mode = 'live' AND NOT EXISTS (SELECT 1 FROM cutter_governance.review_decision d
                                          WHERE d.run_id = p_run_id AND d.gate = 'SG_1_cut_authz') THEN
        RAISE EXCEPTION 'cutter: execution flag refused: run % has no SG_1 decision', p_run_id USING ERRCODE = 'CT012';
    END IF;
    IF v_run.mode = 'live' AND v_run.state = 'awaiting_SG_2' AND NOT EXISTS (SELECT 1 FROM cutter_governance.review_decision d
                                          WHERE d.run_id = p_run_id AND d.gate = 'SG_2_lifecycle_authz') THEN
        RAISE EXCEPTION 'cutter: execution flag refused: run % waits at SG_2 and has no SG_2 decision', p_run_id USING ERRCODE = 'CT012';
    END IF;
    INSERT INTO cutter_governance.execution_flag AS f (run_id, enabled, ruling_kb_id, changed_at)
    VALUES (p_run_id, true, p_ruling_kb_id, now())
    ON CONFLICT (run_id) DO UPDATE SET enabled = true, ruling_kb_id = EXCLUDED.ruling_kb_id, changed_at = EXCLUDED.changed_at;
    RETURN true;
END
$$;

CREATE FUNCTION cutter_governance.flag_lower(p_run_id uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    UPDATE cutter_governance.execution_flag SET enabled = false, changed_at = now() WHERE run_id = p_run_id AND enabled;
    RETURN FOUND;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Review decisions, with their evidence.
-- ---------------------------------------------------------------------------------------------------------------
-- The checks every decision passes; returns the run row. SG_3 decisions are recorded only by record_escalation.
CREATE FUNCTION cutter_governance.check_decision(p_id uuid, p_run_id uuid, p_gate text, p_approval_sha256 text, p_payload_sha text,
    p_signer text, p_approval_bytes bytea, p_signature text) RETURNS cutter_governance.run
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_run cutter_governance.run;
BEGIN
    SELECT * INTO v_run FROM cutter_governance.run r WHERE r.run_id = p_run_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: decision % refused: unknown run %', p_id, p_run_id USING ERRCODE = 'CT011';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.review_decision_id = p_id) THEN
        RAISE EXCEPTION 'cutter: decision % refused: the decision id was already used', p_id USING ERRCODE = 'CT015';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.approval_sha256 = p_approval_sha256) THEN
        RAISE EXCEPTION 'cutter: decision % refused: approval % was already consumed', p_id, p_approval_sha256 USING ERRCODE = 'CT015';
    END IF;
    IF v_run.mode = 'live' AND (p_approval_bytes IS NULL OR coalesce(p_signature, '') = '' OR coalesce(p_signer, '') = '') THEN
        RAISE EXCEPTION 'cutter: decision % refused: a live run''s decision needs the approval bytes, its signature and the signer', p_id
            USING ERRCODE = 'CT016';
    END IF;
    IF p_approval_bytes IS NOT NULL AND encode(sha256(p_approval_bytes), 'hex') <> p_approval_sha256 THEN
        RAISE EXCEPTION 'cutter: decision % refused: approval_sha256 % is not the sha256 of the approval bytes', p_id, p_approval_sha256
            USING ERRCODE = 'CT014';
    END IF;
    IF p_payload_sha IS DISTINCT FROM v_run.payload_sha AND (p_gate <> 'SG_2_lifecycle_authz' OR p_payload_sha IS NOT NULL) THEN
        RAISE EXCEPTION 'cutter: decision % refused: payload % is not run %''s payload %', p_id, coalesce(p_payload_sha, 'NULL'), p_run_id, v_run.payload_sha
            USING ERRCODE = 'CT014';
    END IF;
    RETURN v_run;
END
$$;

CREATE FUNCTION cutter_governance.record_decision(p_id uuid, p_run_id uuid, p_gate text, p_approval_kb_id text, p_approval_sha256 text,
    p_payload_sha text, p_signer text, p_signed_utc timestamptz, p_approval_bytes bytea, p_signature text, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_run cutter_governance.run;
BEGIN
    v_run := cutter_governance.check_decision(p_id, p_run_id, p_gate, p_approval_sha256, p_payload_sha, p_signer, p_approval_bytes, p_signature);
    IF p_gate = 'SG_1_cut_authz' THEN
        IF v_run.state <> 'running' OR EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.run_id = p_run_id AND d.gate = p_gate) THEN
            RAISE EXCEPTION 'cutter: decision % refused: run % is % and may not take an SG_1 decision', p_id, p_run_id, v_run.state USING ERRCODE = 'CT012';
        END IF;
    ELSIF p_gate = 'SG_2_lifecycle_authz' THEN
        -- A Simulate run never pauses at SG_2 (its one transaction is rolled back), so it takes its stand-in while running.
        IF (v_run.state <> 'awaiting_SG_2' AND NOT (v_run.mode = 'simulate' AND v_run.state = 'running'))
           OR EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.run_id = p_run_id AND d.gate = p_gate) THEN
            RAISE EXCEPTION 'cutter: decision % refused: run % is % and may not take an SG_2 decision', p_id, p_run_id, v_run.state USING ERRCODE = 'CT012';
        END IF;
    ELSE
        RAISE EXCEPTION 'cutter: decision % refused: gate % is not recorded here (SG_3 goes through record_escalation)', p_id, p_gate
            USING ERRCODE = 'CT014';
    END IF;
    INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer,
        signed_utc, recorded_at, approval_bytes, signature)
    VALUES (p_id, p_run_id, p_gate, p_approval_kb_id, p_approval_sha256, p_payload_sha, p_signer, p_signed_utc, p_at, p_approval_bytes, p_signature);
END
$$;

-- SG_3: the decision, the authorization it creates (bound to this transaction, single use, ten minutes) and the
-- run's flag, in one call. Nothing else creates a revert authorization.
CREATE FUNCTION cutter_governance.record_escalation(p_id uuid, p_run_id uuid, p_approval_kb_id text, p_approval_sha256 text,
    p_payload_sha text, p_signer text, p_signed_utc timestamptz, p_approval_bytes bytea, p_signature text, p_action text,
    p_state_sha text, p_at timestamptz) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_run cutter_governance.run;
    v_authorization uuid := gen_random_uuid();
BEGIN
    v_run := cutter_governance.check_decision(p_id, p_run_id, 'SG_3_escalation_authz', p_approval_sha256, p_payload_sha, p_signer,
        p_approval_bytes, p_signature);
    IF v_run.mode <> 'live'
       OR (p_action = 'revert' AND v_run.state <> 'closeout_reported')
       OR (p_action = 'compensate' AND v_run.state NOT IN ('running', 'awaiting_SG_2'))
       OR p_action NOT IN ('revert', 'compensate') THEN
        RAISE EXCEPTION 'cutter: SG_3 % refused: run % is a % run in state %', coalesce(p_action, 'NULL'), p_run_id, v_run.mode, v_run.state
            USING ERRCODE = 'CT012';
    END IF;
    INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer,
        signed_utc, recorded_at, approval_bytes, signature, state_sha)
    VALUES (p_id, p_run_id, 'SG_3_escalation_authz', p_approval_kb_id, p_approval_sha256, p_payload_sha, p_signer, p_signed_utc, p_at,
        p_approval_bytes, p_signature, p_state_sha);
    INSERT INTO cutter_governance.revert_authorization (authorization_id, run_id, action, state_sha, review_decision_id, expires_at,
        created_at, created_xact)
    VALUES (v_authorization, p_run_id, p_action, p_state_sha, p_id, now() + interval '10 minutes', p_at, txid_current());
    INSERT INTO cutter_governance.execution_flag AS f (run_id, enabled, ruling_kb_id, changed_at)
    VALUES (p_run_id, true, p_approval_kb_id, now())
    ON CONFLICT (run_id) DO UPDATE SET enabled = true, ruling_kb_id = EXCLUDED.ruling_kb_id, changed_at = EXCLUDED.changed_at;
    RETURN v_authorization;
END
$$;

-- Consumes the authorization, lowers the flag and ends the run (reverted or compensated); refused unless every row of
-- the run is gone.
CREATE FUNCTION cutter_governance.finish_escalation(p_authorization_id uuid, p_at timestamptz) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_auth cutter_governance.revert_authorization;
    v_state text;
BEGIN
    SELECT * INTO v_auth FROM cutter_governance.revert_authorization a
    WHERE a.authorization_id = p_authorization_id AND a.created_xact = txid_current() AND a.consumed_at IS NULL AND a.expires_at > now()
    FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: revert authorization % is not usable in this transaction', p_authorization_id USING ERRCODE = 'CT017';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_core.information_unit WHERE run_id = v_auth.run_id)
       OR EXISTS (SELECT 1 FROM cutter_core.unit_version WHERE run_id = v_auth.run_id)
       OR EXISTS (SELECT 1 FROM cutter_core.lifecycle_log WHERE run_id = v_auth.run_id) THEN
        RAISE EXCEPTION 'cutter: run % still has rows; the % is not complete', v_auth.run_id, v_auth.action USING ERRCODE = 'CT012';
    END IF;
    UPDATE cutter_governance.revert_authorization SET consumed_at = p_at WHERE authorization_id = p_authorization_id;
    UPDATE cutter_governance.execution_flag SET enabled = false, changed_at = now() WHERE run_id = v_auth.run_id;
    v_state := CASE v_auth.action WHEN 'revert' THEN 'reverted' ELSE 'compensated' END;
    UPDATE cutter_governance.run SET state = v_state, updated_at = p_at WHERE run_id = v_auth.run_id;
    RETURN v_state;
END
$$;

DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        'cutter_governance.run_create(uuid, bigint, text, text, text, integer, timestamptz)',
        'cutter_governance.run_set_state(uuid, text, timestamptz)',
        'cutter_governance.ledger_append(uuid, smallint, text, bigint, timestamptz, timestamptz)',
        'cutter_governance.flag_lock(uuid)',
        'cutter_governance.flag_raise(uuid, text)',
        'cutter_governance.flag_lower(uuid)',
        'cutter_governance.check_decision(uuid, uuid, text, text, text, text, bytea, text)',
        'cutter_governance.record_decision(uuid, uuid, text, text, text, text, text, timestamptz, bytea, text, timestamptz)',
        'cutter_governance.record_escalation(uuid, uuid, text, text, text, text, timestamptz, bytea, text, text, text, timestamptz)',
        'cutter_governance.finish_escalation(uuid, timestamptz)'] LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO cutter_governor', f);
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        IF f NOT LIKE 'cutter_governance.check_decision%' THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO cutter_exec', f);
        END IF;
    END LOOP;
END
$$;
-- Trigger functions are called by the server, never by a lane.
REVOKE ALL ON FUNCTION cutter_governance.require_run_flags() FROM PUBLIC;
REVOKE ALL ON FUNCTION cutter_governance.record_redaction() FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- The lanes lose every direct write on the governance tables (column grants go with the table-level revoke).
-- ---------------------------------------------------------------------------------------------------------------
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON cutter_governance.execution_flag, cutter_governance.review_decision,
    cutter_governance.revert_authorization, cutter_governance.chain_redaction, cutter_governance.run, cutter_governance.phase_ledger
    FROM cutter_exec, cutter_verify;
REVOKE UPDATE (state, updated_at) ON cutter_governance.run FROM cutter_exec;
REVOKE UPDATE (enabled, run_id, ruling_kb_id, changed_at) ON cutter_governance.execution_flag FROM cutter_exec;
REVOKE UPDATE (consumed_at) ON cutter_governance.revert_authorization FROM cutter_exec;
-- Only the governor's functions insert into these chains now.
REVOKE USAGE ON SEQUENCE cutter_governance.review_decision_chain_seq, cutter_governance.phase_ledger_chain_seq FROM cutter_exec;
