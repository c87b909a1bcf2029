-- The governed content: documents, their information units (IU) and unit versions (UV), and the lifecycle log.

CREATE TABLE cutter_core.document (
    document_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kb_id         text NOT NULL UNIQUE CHECK (kb_id ~ '^KB-[0-9]{1,9}$'),
    code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9-]{1,39}$'),
    title         text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);

-- Ids are allocated by the writer (nextval over generate_series) before a binary COPY, so parent links are known client-side.
CREATE SEQUENCE cutter_core.information_unit_id_seq;
CREATE SEQUENCE cutter_core.unit_version_id_seq;

CREATE TABLE cutter_core.information_unit (
    iu_id           bigint PRIMARY KEY DEFAULT nextval('cutter_core.information_unit_id_seq'),
    document_id     bigint NOT NULL REFERENCES cutter_core.document (document_id),
    address         text NOT NULL,
    ordinal         integer NOT NULL CHECK (ordinal >= 1),
    kind            text NOT NULL,
    parent_iu_id    bigint REFERENCES cutter_core.information_unit (iu_id),
    heading         text NOT NULL DEFAULT '',
    lifecycle_state text NOT NULL CHECK (lifecycle_state IN ('draft', 'enacted')),
    run_id          uuid NOT NULL,
    UNIQUE (document_id, address)
);
CREATE INDEX information_unit_run_idx ON cutter_core.information_unit (run_id);

CREATE TABLE cutter_core.unit_version (
    uv_id          bigint PRIMARY KEY DEFAULT nextval('cutter_core.unit_version_id_seq'),
    iu_id          bigint NOT NULL REFERENCES cutter_core.information_unit (iu_id),
    version_no     integer NOT NULL CHECK (version_no >= 1),
    content        text NOT NULL,
    content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    run_id         uuid NOT NULL,
    UNIQUE (iu_id, version_no)
);
CREATE INDEX unit_version_run_idx ON cutter_core.unit_version (run_id);
