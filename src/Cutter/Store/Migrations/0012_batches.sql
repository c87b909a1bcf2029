-- Batches (issue 24, docs/batches.md "How the store holds a batch"): many document runs under one signed SG_1 approval
-- of a Merkle root of their payload shas, and one signed SG_2 approval of their enactment, worked through a queue.
--
--   batch           one row per batch: its name, its documents' Merkle root (sha256:batch-root-v1, RFC 9162 leaf and
--                   node hashing over leaves 'KB-id TAB tagged payload sha'), the sha256 of its SG_1 request (and of
--                   its SG_2 request once written) and where the batch stands.
--   batch_item      one row per document, in plan order: its run, payload sha, candidate count and inclusion proof
--                   (immutable), and the work-queue bookkeeping (state, STOP code, lease) that runners update.
--   batch_approval  the consumed signed approval of each batch gate, with its exact bytes and signature (evidence).
--
-- Trust: the lanes cannot forge what authorizes a write. batch and batch_approval are written only by the
-- SECURITY DEFINER functions below (owned by cutter_governor, as 0009's): batch_create recomputes the Merkle root
-- from the items it inserts, so no item outside the root can join a batch; batch_record_approval takes an approval only
-- if its bytes are the request the batch recorded (sha) and name this batch, gate, root and decision id; record_batch_decision writes each run's
-- review decision from the batch approval, only for a run of this batch whose payload is its item's. The exec lane
-- updates only batch_item's queue columns (a forged 'done' decides nothing: a run's truth is its ledger and state).
--
-- SQLSTATEs: CT011 unknown batch/run/item, CT012 state does not allow it, CT014 binding mismatch (root, bytes, payload,
-- batch, gate, request), CT015 replay (approval already recorded anywhere, or decision id taken), CT016 no evidence.
--
-- Functions (EXECUTE to cutter_exec only):
--   batch_create(batch_id, name, actor, merkle_root, sg1_request_sha, kb_ids[], payload_shas[], candidate_counts[],
--                inclusion_proofs[], run_ids[], at)                                           CT011 CT014
--   batch_request_sg2(batch_id, sg2_request_sha, positions[], at)                             CT011 CT012
--   batch_record_approval(batch_id, gate, approval_kb_id, approval_sha256, review_decision_id, signer, signed_utc,
--                         approval_bytes, signature, at)                                      CT011 CT012 CT014 CT015 CT016
--   record_batch_decision(run_id, gate, at) -> review_decision_id                             CT011 CT012 CT014 CT015
--   batch_merkle_root(kb_ids[], payload_shas[]) -> 'sha256:batch-root-v1:<hex>'  (pure; also EXECUTE to cutter_verify)

CREATE TABLE cutter_governance.batch (
    batch_id        uuid PRIMARY KEY,
    name            text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    actor           text NOT NULL,
    document_count  integer NOT NULL CHECK (document_count > 0),
    merkle_root     text NOT NULL CHECK (merkle_root ~ '^sha256:batch-root-v[0-9]+:[0-9a-f]{64}$'),
    sg1_request_sha text NOT NULL CHECK (sg1_request_sha ~ '^[0-9a-f]{64}$'),
    sg2_request_sha text CHECK (sg2_request_sha ~ '^[0-9a-f]{64}$'),
    state           text NOT NULL CHECK (state IN ('awaiting_SG_1', 'cutting', 'awaiting_SG_2', 'enacting')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE cutter_governance.batch_item (
    batch_id        uuid NOT NULL REFERENCES cutter_governance.batch (batch_id),
    position        integer NOT NULL CHECK (position >= 0),
    kb_id           text NOT NULL CHECK (kb_id ~ '^KB-[0-9]{1,9}$'),
    run_id          uuid NOT NULL UNIQUE,
    payload_sha     text NOT NULL CHECK (payload_sha ~ '^sha256:payload-v[0-9]+:[0-9a-f]{64}$'),
    candidate_count integer NOT NULL CHECK (candidate_count >= 0),
    -- The RFC 9162 audit path of this leaf in the batch's tree, hex node hashes comma-separated (empty for one leaf).
    inclusion_proof text NOT NULL CHECK (inclusion_proof ~ '^([0-9a-f]{64}(,[0-9a-f]{64})*)?$'),
    -- Listed in the batch's SG_2 request (set by batch_request_sg2).
    sg2_requested   boolean NOT NULL DEFAULT false,
    -- The queue: awaiting_gate (waits for the batch's SG_1 or SG_2 approval), queued (a runner may take it),
    -- working (a runner holds its lease), done (closed out), stopped (a STOP holds it back; stop_code says which).
    state           text NOT NULL CHECK (state IN ('awaiting_gate', 'queued', 'working', 'done', 'stopped')),
    stop_code       text,
    stop_detail     text,
    lease_owner     text,
    lease_until     timestamptz,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (batch_id, position),
    UNIQUE (batch_id, kb_id),
    CHECK ((state = 'stopped') = (stop_code IS NOT NULL)),
    CHECK (state = 'working' OR (lease_owner IS NULL AND lease_until IS NULL))
);
-- What a runner asks for: the next queued item (or a working one whose lease ran out), oldest first.
CREATE INDEX batch_item_queue_idx ON cutter_governance.batch_item (state, updated_at) WHERE state IN ('queued', 'working');

CREATE TABLE cutter_governance.batch_approval (
    batch_id           uuid NOT NULL REFERENCES cutter_governance.batch (batch_id),
    gate               text NOT NULL CHECK (gate IN ('SG_1_cut_authz', 'SG_2_lifecycle_authz')),
    approval_kb_id     text NOT NULL,
    approval_sha256    text NOT NULL UNIQUE CHECK (approval_sha256 ~ '^[0-9a-f]{64}$'),
    review_decision_id uuid NOT NULL UNIQUE,
    signer             text NOT NULL,
    signed_utc         timestamptz NOT NULL,
    approval_bytes     bytea NOT NULL,
    signature          text NOT NULL,
    recorded_at        timestamptz NOT NULL,
    PRIMARY KEY (batch_id, gate)
);

CREATE TRIGGER batch_approval_immutable BEFORE UPDATE OR DELETE ON cutter_governance.batch_approval
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER batch_no_truncate BEFORE TRUNCATE ON cutter_governance.batch
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.refuse_truncate();
CREATE TRIGGER batch_item_no_truncate BEFORE TRUNCATE ON cutter_governance.batch_item
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.refuse_truncate();
CREATE TRIGGER batch_approval_no_truncate BEFORE TRUNCATE ON cutter_governance.batch_approval
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.refuse_truncate();

-- A run's decisions may now share one approval (each run of a batch records the batch's); an ordinary approval is
-- still single-use, since check_decision refuses any approval sha already recorded (below, batch approvals too).
ALTER TABLE cutter_governance.review_decision DROP CONSTRAINT review_decision_approval_sha256_key;
CREATE UNIQUE INDEX review_decision_approval_run_key ON cutter_governance.review_decision (approval_sha256, run_id);

-- ---------------------------------------------------------------------------------------------------------------
-- The Merkle root (docs/hashes.md, batch-root-v1): leaf i = sha256(0x00 || utf8(kb_id TAB payload_sha)), node =
-- sha256(0x01 || left || right), the RFC 9162 tree (bottom-up pairing with the odd last node carried up builds the
-- same left-balanced tree as the RFC's split at the largest power of two).
-- ---------------------------------------------------------------------------------------------------------------
CREATE FUNCTION cutter_governance.batch_merkle_root(p_kb_ids text[], p_payload_shas text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_level bytea[];
    v_next bytea[];
    v_n integer := coalesce(array_length(p_kb_ids, 1), 0);
    i integer;
BEGIN
    IF v_n = 0 OR v_n <> coalesce(array_length(p_payload_shas, 1), 0) THEN
        RAISE EXCEPTION 'cutter: a batch root needs as many payload shas as documents, and at least one' USING ERRCODE = 'CT014';
    END IF;
    SELECT array_agg(sha256(decode('00', 'hex') || convert_to(k || E'\t' || p, 'UTF8')) ORDER BY o)
    INTO v_level
    FROM unnest(p_kb_ids, p_payload_shas) WITH ORDINALITY AS u(k, p, o);
    WHILE array_length(v_level, 1) > 1 LOOP
        v_next := '{}';
        i := 1;
        WHILE i <= array_length(v_level, 1) LOOP
            IF i < array_length(v_level, 1) THEN
                v_next := v_next || sha256(decode('01', 'hex') || v_level[i] || v_level[i + 1]);
                i := i + 2;
            ELSE
                v_next := v_next || v_level[i];
                i := i + 1;
            END IF;
        END LOOP;
        v_level := v_next;
    END LOOP;
    RETURN 'sha256:batch-root-v1:' || encode(v_level[1], 'hex');
END
$$;

CREATE FUNCTION cutter_governance.batch_create(p_batch_id uuid, p_name text, p_actor text, p_merkle_root text, p_sg1_request_sha text,
    p_kb_ids text[], p_payload_shas text[], p_candidate_counts integer[], p_inclusion_proofs text[], p_run_ids uuid[], p_at timestamptz)
    RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_n integer := coalesce(array_length(p_kb_ids, 1), 0);
    v_root text;
BEGIN
    IF v_n = 0 OR v_n <> coalesce(array_length(p_candidate_counts, 1), 0) OR v_n <> coalesce(array_length(p_inclusion_proofs, 1), 0)
       OR v_n <> coalesce(array_length(p_run_ids, 1), 0) THEN
        RAISE EXCEPTION 'cutter: batch % refused: the item arrays differ in length or are empty', p_name USING ERRCODE = 'CT014';
    END IF;
    v_root := cutter_governance.batch_merkle_root(p_kb_ids, p_payload_shas);
    IF v_root <> p_merkle_root THEN
        RAISE EXCEPTION 'cutter: batch % refused: its documents hash to root %, not %', p_name, v_root, p_merkle_root USING ERRCODE = 'CT014';
    END IF;
    INSERT INTO cutter_governance.batch (batch_id, name, actor, document_count, merkle_root, sg1_request_sha, state, created_at, updated_at)
    VALUES (p_batch_id, p_name, p_actor, v_n, p_merkle_root, p_sg1_request_sha, 'awaiting_SG_1', p_at, p_at);
    INSERT INTO cutter_governance.batch_item (batch_id, position, kb_id, run_id, payload_sha, candidate_count, inclusion_proof, state, updated_at)
    SELECT p_batch_id, (o - 1)::integer, k, r, p, c, pr, 'awaiting_gate', p_at
    FROM unnest(p_kb_ids, p_payload_shas, p_candidate_counts, p_inclusion_proofs, p_run_ids) WITH ORDINALITY AS u(k, p, c, pr, r, o);
END
$$;

-- The SG_2 request covers the items that reached SG_2 when it was written (positions), and only those.
CREATE FUNCTION cutter_governance.batch_request_sg2(p_batch_id uuid, p_sg2_request_sha text, p_positions integer[], p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_batch cutter_governance.batch;
BEGIN
    SELECT * INTO v_batch FROM cutter_governance.batch b WHERE b.batch_id = p_batch_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: unknown batch %', p_batch_id USING ERRCODE = 'CT011';
    END IF;
    IF v_batch.state <> 'cutting' OR coalesce(array_length(p_positions, 1), 0) = 0 THEN
        RAISE EXCEPTION 'cutter: batch % is % and may not request SG_2 (for % documents)', v_batch.name, v_batch.state,
            coalesce(array_length(p_positions, 1), 0) USING ERRCODE = 'CT012';
    END IF;
    UPDATE cutter_governance.batch_item SET sg2_requested = true, updated_at = p_at
    WHERE batch_id = p_batch_id AND position = ANY (p_positions);
    UPDATE cutter_governance.batch SET sg2_request_sha = p_sg2_request_sha, state = 'awaiting_SG_2', updated_at = p_at WHERE batch_id = p_batch_id;
END
$$;

CREATE FUNCTION cutter_governance.batch_record_approval(p_batch_id uuid, p_gate text, p_approval_kb_id text, p_approval_sha256 text,
    p_review_decision_id uuid, p_signer text, p_signed_utc timestamptz, p_approval_bytes bytea, p_signature text, p_at timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_batch cutter_governance.batch;
    v_text text;
    v_request text;
BEGIN
    SELECT * INTO v_batch FROM cutter_governance.batch b WHERE b.batch_id = p_batch_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: unknown batch %', p_batch_id USING ERRCODE = 'CT011';
    END IF;
    IF p_approval_bytes IS NULL OR coalesce(p_signature, '') = '' OR coalesce(p_signer, '') = '' THEN
        RAISE EXCEPTION 'cutter: batch % approval refused: it needs the approval bytes, its signature and the signer', v_batch.name USING ERRCODE = 'CT016';
    END IF;
    IF encode(sha256(p_approval_bytes), 'hex') <> p_approval_sha256 THEN
        RAISE EXCEPTION 'cutter: batch % approval refused: % is not the sha256 of the approval bytes', v_batch.name, p_approval_sha256 USING ERRCODE = 'CT014';
    END IF;
    IF (p_gate = 'SG_1_cut_authz' AND v_batch.state <> 'awaiting_SG_1') OR (p_gate = 'SG_2_lifecycle_authz' AND v_batch.state <> 'awaiting_SG_2')
       OR p_gate NOT IN ('SG_1_cut_authz', 'SG_2_lifecycle_authz') THEN
        RAISE EXCEPTION 'cutter: batch % is % and may not take a % approval', v_batch.name, v_batch.state, p_gate USING ERRCODE = 'CT012';
    END IF;
    IF EXISTS (SELECT 1 FROM cutter_governance.batch_approval a WHERE a.approval_sha256 = p_approval_sha256 OR a.review_decision_id = p_review_decision_id)
       OR EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.approval_sha256 = p_approval_sha256 OR d.review_decision_id = p_review_decision_id) THEN
        RAISE EXCEPTION 'cutter: batch % approval refused: approval % or decision id % was already recorded', v_batch.name, p_approval_sha256, p_review_decision_id
            USING ERRCODE = 'CT015';
    END IF;
    -- The signature itself is checked by the runner and re-verified offline by `cutter audit verify`.
    -- A batch approval is its request signed as written: the bytes are the request the batch recorded.
    v_text := convert_from(p_approval_bytes, 'UTF8');
    v_request := CASE p_gate WHEN 'SG_1_cut_authz' THEN v_batch.sg1_request_sha ELSE v_batch.sg2_request_sha END;
    IF p_approval_sha256 IS DISTINCT FROM v_request
       OR position(E'\nbatch_id: ' || p_batch_id::text || E'\n' IN v_text) = 0
       OR position(E'\ngate: ' || p_gate || E'\n' IN v_text) = 0
       OR position(E'\nmerkle_root: ' || v_batch.merkle_root || E'\n' IN v_text) = 0
       OR position(E'\nreview_decision_id: ' || p_review_decision_id::text || E'\n' IN v_text) = 0 THEN
        RAISE EXCEPTION 'cutter: batch % approval refused: its bytes are not the recorded request % naming batch %, gate %, root % and decision %',
            v_batch.name, v_request, p_batch_id, p_gate, v_batch.merkle_root, p_review_decision_id USING ERRCODE = 'CT014';
    END IF;
    INSERT INTO cutter_governance.batch_approval (batch_id, gate, approval_kb_id, approval_sha256, review_decision_id, signer, signed_utc,
        approval_bytes, signature, recorded_at)
    VALUES (p_batch_id, p_gate, p_approval_kb_id, p_approval_sha256, p_review_decision_id, p_signer, p_signed_utc, p_approval_bytes, p_signature, p_at);
    UPDATE cutter_governance.batch SET state = CASE p_gate WHEN 'SG_1_cut_authz' THEN 'cutting' ELSE 'enacting' END, updated_at = p_at
    WHERE batch_id = p_batch_id;
    -- The documents the approval covers may now be taken by a runner.
    UPDATE cutter_governance.batch_item SET state = 'queued', updated_at = p_at
    WHERE batch_id = p_batch_id AND state = 'awaiting_gate' AND (p_gate = 'SG_1_cut_authz' OR sg2_requested);
END
$$;

-- One run's review decision from its batch's approval. The decision id is derived, so each run of the batch gets its
-- own and nobody chooses it: the first 16 bytes of sha256(utf8('batch-decision-v1' TAB approval's decision id TAB run id)).
CREATE FUNCTION cutter_governance.batch_decision_id(p_approval_decision_id uuid, p_run_id uuid) RETURNS uuid
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT encode(substr(sha256(convert_to('batch-decision-v1' || E'\t' || p_approval_decision_id::text || E'\t' || p_run_id::text, 'UTF8')), 1, 16), 'hex')::uuid
$$;

CREATE FUNCTION cutter_governance.record_batch_decision(p_run_id uuid, p_gate text, p_at timestamptz) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_item cutter_governance.batch_item;
    v_approval cutter_governance.batch_approval;
    v_run cutter_governance.run;
    v_id uuid;
BEGIN
    SELECT * INTO v_item FROM cutter_governance.batch_item i WHERE i.run_id = p_run_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: run % is in no batch', p_run_id USING ERRCODE = 'CT011';
    END IF;
    SELECT * INTO v_approval FROM cutter_governance.batch_approval a WHERE a.batch_id = v_item.batch_id AND a.gate = p_gate;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: batch % has no recorded % approval', v_item.batch_id, p_gate USING ERRCODE = 'CT012';
    END IF;
    SELECT * INTO v_run FROM cutter_governance.run r WHERE r.run_id = p_run_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cutter: unknown run %', p_run_id USING ERRCODE = 'CT011';
    END IF;
    IF v_run.payload_sha <> v_item.payload_sha THEN
        RAISE EXCEPTION 'cutter: run % has payload %, its batch item %', p_run_id, v_run.payload_sha, v_item.payload_sha USING ERRCODE = 'CT014';
    END IF;
    IF p_gate = 'SG_2_lifecycle_authz' AND NOT v_item.sg2_requested THEN
        RAISE EXCEPTION 'cutter: run % was not in its batch''s SG_2 request', p_run_id USING ERRCODE = 'CT014';
    END IF;
    IF v_run.mode <> 'live'
       OR (p_gate = 'SG_1_cut_authz' AND v_run.state <> 'running')
       OR (p_gate = 'SG_2_lifecycle_authz' AND v_run.state <> 'awaiting_SG_2')
       OR EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.run_id = p_run_id AND d.gate = p_gate) THEN
        RAISE EXCEPTION 'cutter: run % is a % run in state % and may not take a batch % decision', p_run_id, v_run.mode, v_run.state, p_gate
            USING ERRCODE = 'CT012';
    END IF;
    v_id := cutter_governance.batch_decision_id(v_approval.review_decision_id, p_run_id);
    IF EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.review_decision_id = v_id) THEN
        RAISE EXCEPTION 'cutter: decision % was already recorded', v_id USING ERRCODE = 'CT015';
    END IF;
    INSERT INTO cutter_governance.review_decision (review_decision_id, run_id, gate, approval_kb_id, approval_sha256, payload_sha, signer,
        signed_utc, recorded_at, approval_bytes, signature)
    VALUES (v_id, p_run_id, p_gate, v_approval.approval_kb_id, v_approval.approval_sha256,
        CASE p_gate WHEN 'SG_1_cut_authz' THEN v_run.payload_sha END, v_approval.signer, v_approval.signed_utc, p_at,
        v_approval.approval_bytes, v_approval.signature);
    RETURN v_id;
END
$$;

-- An ordinary decision may not reuse any recorded approval, a batch's included.
CREATE OR REPLACE FUNCTION cutter_governance.check_decision(p_id uuid, p_run_id uuid, p_gate text, p_approval_sha256 text, p_payload_sha text,
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
    IF EXISTS (SELECT 1 FROM cutter_governance.review_decision d WHERE d.approval_sha256 = p_approval_sha256)
       OR EXISTS (SELECT 1 FROM cutter_governance.batch_approval a WHERE a.approval_sha256 = p_approval_sha256) THEN
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

-- ---------------------------------------------------------------------------------------------------------------
-- Ownership and grants (the grant matrix's sha changes with this migration).
-- ---------------------------------------------------------------------------------------------------------------
GRANT SELECT ON cutter_governance.batch, cutter_governance.batch_item, cutter_governance.batch_approval TO cutter_governor, cutter_exec, cutter_verify;
GRANT INSERT ON cutter_governance.batch, cutter_governance.batch_item, cutter_governance.batch_approval TO cutter_governor;
GRANT UPDATE (state, sg2_request_sha, updated_at) ON cutter_governance.batch TO cutter_governor;
GRANT UPDATE (state, sg2_requested, updated_at) ON cutter_governance.batch_item TO cutter_governor;
-- The queue columns, and nothing a decision depends on (run, payload, proof, sg2_requested stay as the governor wrote them).
GRANT UPDATE (state, stop_code, stop_detail, lease_owner, lease_until, attempts, updated_at) ON cutter_governance.batch_item TO cutter_exec;

DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        'cutter_governance.batch_merkle_root(text[], text[])',
        'cutter_governance.batch_decision_id(uuid, uuid)',
        'cutter_governance.batch_create(uuid, text, text, text, text, text[], text[], integer[], text[], uuid[], timestamptz)',
        'cutter_governance.batch_request_sg2(uuid, text, integer[], timestamptz)',
        'cutter_governance.batch_record_approval(uuid, text, text, text, uuid, text, timestamptz, bytea, text, timestamptz)',
        'cutter_governance.record_batch_decision(uuid, text, timestamptz)'] LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO cutter_governor', f);
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO cutter_exec', f);
    END LOOP;
END
$$;
-- The pure functions are for anyone who audits a batch.
GRANT EXECUTE ON FUNCTION cutter_governance.batch_merkle_root(text[], text[]) TO cutter_verify;
GRANT EXECUTE ON FUNCTION cutter_governance.batch_decision_id(uuid, uuid) TO cutter_verify;
