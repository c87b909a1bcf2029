-- One variant of benchmarks/Store/enact-hot-experiment.sh: :ff fillfactor, :partial 1 keeps the partial unique
-- index on lifecycle_state, :state the state rows are inserted in, :enact 1 enacts by UPDATE (else logs only).
DROP TABLE IF EXISTS lifecycle_log, iu CASCADE;
CREATE TABLE iu (
    iu_id bigint PRIMARY KEY, document_id bigint NOT NULL, address text NOT NULL, ordinal int NOT NULL,
    kind text NOT NULL, parent_iu_id bigint REFERENCES iu (iu_id), heading text NOT NULL DEFAULT '',
    lifecycle_state text NOT NULL CHECK (lifecycle_state IN ('draft','enacted','retired')), run_id uuid NOT NULL,
    retired_run_id uuid, succeeds_iu_id bigint REFERENCES iu (iu_id)) WITH (fillfactor = :ff);
\if :partial
CREATE UNIQUE INDEX iu_enacted_address ON iu (document_id, address) WHERE lifecycle_state = 'enacted';
\endif
CREATE UNIQUE INDEX iu_run_address ON iu (run_id, document_id, address);
CREATE INDEX iu_document_address ON iu (document_id, address);
CREATE INDEX iu_succeeds ON iu (succeeds_iu_id) WHERE succeeds_iu_id IS NOT NULL;
CREATE TABLE lifecycle_log (id bigserial PRIMARY KEY, iu_id bigint NOT NULL REFERENCES iu (iu_id), from_state text, to_state text, run_id uuid, at timestamptz);
CHECKPOINT;
\timing on
INSERT INTO iu SELECT g, 1, 'art-' || g, g, 'article', NULL, 'Heading of article ' || g, :'state', '6f1c1c3e-0000-4000-8000-000000000001' FROM generate_series(1, :n) g;
\if :enact
WITH e AS (UPDATE iu SET lifecycle_state = 'enacted' WHERE run_id = '6f1c1c3e-0000-4000-8000-000000000001' AND lifecycle_state = 'draft' RETURNING iu_id, run_id)
INSERT INTO lifecycle_log (iu_id, from_state, to_state, run_id, at) SELECT iu_id, 'draft', 'enacted', run_id, now() FROM e;
\else
INSERT INTO lifecycle_log (iu_id, from_state, to_state, run_id, at) SELECT iu_id, 'draft', 'enacted', run_id, now() FROM iu WHERE run_id = '6f1c1c3e-0000-4000-8000-000000000001';
\endif
\timing off
SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'iu';
