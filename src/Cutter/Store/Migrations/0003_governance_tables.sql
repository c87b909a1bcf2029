-- The run's audit trail in the database. The phase ledger, not state.json, is the source of truth on resume.

CREATE TABLE cutter_governance.run (
    run_id          uuid PRIMARY KEY,
    document_id     bigint NOT NULL REFERENCES cutter_core.document (document_id),
    mode            text NOT NULL CHECK (mode IN ('live', 'simulate')),
    actor           text NOT NULL,
    payload_sha     text NOT NULL CHECK (payload_sha ~ '^[0-9a-f]{64}$'),
    candidate_count integer NOT NULL CHECK (candidate_count >= 0),
    state           text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE cutter_governance.phase_ledger (
    run_id       uuid NOT NULL REFERENCES cutter_governance.run (run_id),
    phase_no     smallint NOT NULL CHECK (phase_no BETWEEN 1 AND 11),
    phase_name   text NOT NULL,
    result       text NOT NULL CHECK (result = 'passed'),
    rows_written bigint NOT NULL DEFAULT 0,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, phase_no)
);

-- One row per consumed gate approval; a successful run adds exactly two (SG_1 and SG_2).
CREATE TABLE cutter_governance.review_decision (
    review_decision_id uuid PRIMARY KEY,
    run_id             uuid NOT NULL,
    gate               text NOT NULL CHECK (gate IN ('SG_1_cut_authz', 'SG_2_lifecycle_authz', 'SG_3_escalation_authz')),
    approval_kb_id     text NOT NULL,
    approval_sha256    text NOT NULL UNIQUE CHECK (approval_sha256 ~ '^[0-9a-f]{64}$'),
    payload_sha        text,
    signer             text NOT NULL,
    signed_utc         timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL
);
CREATE INDEX review_decision_run_idx ON cutter_governance.review_decision (run_id);

CREATE TABLE cutter_core.lifecycle_log (
    log_id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iu_id              bigint NOT NULL REFERENCES cutter_core.information_unit (iu_id),
    from_state         text NOT NULL,
    to_state           text NOT NULL,
    run_id             uuid NOT NULL,
    review_decision_id uuid NOT NULL REFERENCES cutter_governance.review_decision (review_decision_id),
    at                 timestamptz NOT NULL
);
CREATE INDEX lifecycle_log_run_idx ON cutter_core.lifecycle_log (run_id);

-- The database kill switch: false except while a live run executes (between phases 6 and 11).
CREATE TABLE cutter_governance.execution_flag (
    flag_name    text PRIMARY KEY CHECK (flag_name = '__execution_enabled__'),
    enabled      boolean NOT NULL,
    run_id       uuid,
    ruling_kb_id text,
    changed_at   timestamptz NOT NULL
);
INSERT INTO cutter_governance.execution_flag (flag_name, enabled, changed_at)
VALUES ('__execution_enabled__', false, now());

-- The governed way around immutability: an SG_3-approved revert or compensation holds one of these
-- (and names it in the transaction setting cutter.revert_authorization) while it deletes a run's rows.
CREATE TABLE cutter_governance.revert_authorization (
    authorization_id   uuid PRIMARY KEY,
    run_id             uuid NOT NULL,
    action             text NOT NULL CHECK (action IN ('revert', 'compensate')),
    state_sha          text NOT NULL CHECK (state_sha ~ '^[0-9a-f]{64}$'),
    review_decision_id uuid NOT NULL REFERENCES cutter_governance.review_decision (review_decision_id),
    expires_at         timestamptz NOT NULL,
    consumed_at        timestamptz,
    created_at         timestamptz NOT NULL
);
