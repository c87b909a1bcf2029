-- A batch run's review decision names its batch's approval instead of copying it (issue 24; benchmarks/README.md
-- "Batch workers").
--
-- Since 0012 every run of a batch copied the batch approval's bytes and signature into its own review_decision row.
-- The approval is the batch's request, which lists every document (about 135 bytes a document), so a batch of n
-- documents stored 2n copies of a text of size O(n): O(n^2) bytes. Measured on a 300-document batch (one worker,
-- stopped after 167 documents had reached SG_2): review_decision held 6.6 MB of an 18 MB store, each row 41 KB,
-- and phase 5's `pg_dump -Fc` of the store took 1.8 s of CPU compressing it (0.15 s with -Z0); each document's time to
-- SG_2 grew from 1.2 s to 2.5 s as the batch went on. A 10,000-document batch would have copied about 27 GB.
--
-- From this migration the decision keeps what the transparency log's leaf covers (approval_kb_id, approval_sha256,
-- signer, signed_utc, ...) and leaves approval_bytes and signature NULL: the evidence is the one batch_approval row
-- whose approval_sha256 the decision names, immutable since 0012 (guard_audit_row, no truncate). Readers join it
-- (Store/Audit/StoredDecisions.cs); its bytes must still hash to the decision's logged approval_sha256 and its
-- signature must still verify against allowed_signers, so a changed batch_approval row is caught as before. Decisions
-- recorded before this migration keep their copies and verify as they did.

CREATE OR REPLACE FUNCTION cutter_governance.record_batch_decision(p_run_id uuid, p_gate text, p_at timestamptz) RETURNS uuid
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
        NULL, NULL);
    RETURN v_id;
END
$$;
