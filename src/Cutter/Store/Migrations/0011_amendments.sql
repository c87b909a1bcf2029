-- Amendment runs (issue 20; docs/amendments.md, "How the store holds an amendment").
--
-- A document that already has enacted units is changed by an amendment run: changed units get a new version
-- (version_no + 1) and their previous version is marked superseded; removed and moved-away units are retired; a moved
-- unit is a new unit that records the unit it succeeds. Nothing is ever deleted except by a governed SG_3 revert.
--
--   information_unit.lifecycle_state  draft | enacted | retired         (retired: new here)
--   information_unit.retired_run_id    the run that retired the unit (set with enacted -> retired, cleared only by a
--                                      governed revert of that run); NOT NULL exactly when the unit is retired
--   information_unit.succeeds_iu_id    for a unit created by a move: the unit whose text it carries on (retired by the
--                                      same run)
--   unit_version.superseded_run_id     the run whose newer version of the unit replaced this one (NULL: not superseded)
--   unit_version.heading, parent_iu_id a version with a heading carries its own heading and parent (an amendment writes
--                                      them on every version >= 2: the unit row never changes); a version without one
--                                      (always so for version 1) has the unit row's
--   cutter_governance.run_kind          one row per run created through the 0011 run_create: initial | amendment, and
--                                      for an amendment the enacted-v1 sha its plan was made against. A run without a
--                                      row (before 0011, or created through 0009's run_create) is an initial run.
--
-- The current version of a unit is its version with the LOWEST version_no among those not superseded: while an
-- amendment run waits at SG_2 its new version already exists (not superseded either), and the old one stays current
-- until phase 10 supersedes it.
--
-- Guards (every role, the owner included; 0004/0009 refuse everything else as before):
--   * an enacted unit's only update is enacted -> retired with retired_run_id set and every other column unchanged;
--     a retired unit's only update is retired -> enacted with retired_run_id cleared, under a revert authorization of
--     the run that retired it (its governed revert); a draft unit never becomes retired directly;
--   * a unit version's only update is superseded_run_id NULL -> R, when run R wrote a higher version of the same unit,
--     or R -> NULL under a revert authorization of R; every other column unchanged;
--   * such an update needs the execution flag of the run it is done for: R (the retiring/superseding run), not the
--     run that wrote the row (require_marked_update_flags replaces 0009's update check on these two tables);
--   * at most one enacted unit per (document, address); a run writes an address of a document once.
--
-- SQLSTATEs: CT002 (immutable row), CT001 (flag), and new:
--   CT018  run kind refused: 'initial' for a document with enacted units, 'amendment' for one without (or without the
--          enacted-v1 sha of its plan)

-- ---------------------------------------------------------------------------------------------------------------
-- Columns and constraints.
-- ---------------------------------------------------------------------------------------------------------------
ALTER TABLE cutter_core.information_unit DROP CONSTRAINT information_unit_lifecycle_state_check,
    ADD CONSTRAINT information_unit_lifecycle_state_check CHECK (lifecycle_state IN ('draft', 'enacted', 'retired')),
    ADD COLUMN retired_run_id uuid,
    ADD COLUMN succeeds_iu_id bigint REFERENCES cutter_core.information_unit (iu_id),
    ADD CONSTRAINT information_unit_retired_by_run CHECK ((lifecycle_state = 'retired') = (retired_run_id IS NOT NULL)),
    ADD CONSTRAINT information_unit_succeeds_other CHECK (succeeds_iu_id <> iu_id);

-- An address names one enacted unit at a time; a retired unit and the draft that will replace it share it.
ALTER TABLE cutter_core.information_unit DROP CONSTRAINT information_unit_document_id_address_key;
CREATE UNIQUE INDEX information_unit_enacted_address ON cutter_core.information_unit (document_id, address)
    WHERE lifecycle_state = 'enacted';
CREATE UNIQUE INDEX information_unit_run_address ON cutter_core.information_unit (run_id, document_id, address);
CREATE INDEX information_unit_document_address ON cutter_core.information_unit (document_id, address);
CREATE INDEX information_unit_succeeds ON cutter_core.information_unit (succeeds_iu_id) WHERE succeeds_iu_id IS NOT NULL;

ALTER TABLE cutter_core.unit_version
    ADD COLUMN superseded_run_id uuid,
    ADD COLUMN heading text,
    ADD COLUMN parent_iu_id bigint REFERENCES cutter_core.information_unit (iu_id),
    ADD CONSTRAINT unit_version_placement CHECK (version_no > 1 OR (heading IS NULL AND parent_iu_id IS NULL));
CREATE INDEX unit_version_superseded_run_idx ON cutter_core.unit_version (superseded_run_id) WHERE superseded_run_id IS NOT NULL;

-- An amendment run's payload is its diff (sha256:amendment-v1, docs/amendments.md).
ALTER TABLE cutter_governance.run DROP CONSTRAINT run_payload_sha_check,
    ADD CONSTRAINT run_payload_sha_check CHECK (payload_sha ~ '^(sha256:(payload|amendment)-v[0-9]+:)?[0-9a-f]{64}$');

-- ---------------------------------------------------------------------------------------------------------------
-- Guards.
-- ---------------------------------------------------------------------------------------------------------------
-- Replaces 0004's: enacted and retired units (the triggers' WHEN clauses pick them) take only the two transitions.
CREATE OR REPLACE FUNCTION cutter_core.guard_enacted_unit() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF cutter_governance.revert_authorized(OLD.run_id) THEN
            RETURN OLD;
        END IF;
    -- Every column but the two a transition sets is unchanged (a column added later must be listed here).
    ELSIF (NEW.iu_id, NEW.document_id, NEW.address, NEW.ordinal, NEW.kind, NEW.parent_iu_id, NEW.heading, NEW.run_id, NEW.succeeds_iu_id)
          IS NOT DISTINCT FROM (OLD.iu_id, OLD.document_id, OLD.address, OLD.ordinal, OLD.kind, OLD.parent_iu_id, OLD.heading, OLD.run_id, OLD.succeeds_iu_id) THEN
        IF OLD.lifecycle_state = 'enacted' AND NEW.lifecycle_state = 'retired'
           AND OLD.retired_run_id IS NULL AND NEW.retired_run_id IS NOT NULL AND NEW.retired_run_id <> OLD.run_id THEN
            RETURN NEW;
        END IF;
        IF OLD.lifecycle_state = 'retired' AND NEW.lifecycle_state = 'enacted' AND NEW.retired_run_id IS NULL
           AND cutter_governance.revert_authorized(OLD.retired_run_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'cutter: % information_unit % (%) is immutable: % refused', OLD.lifecycle_state, OLD.iu_id, OLD.address, TG_OP
        USING ERRCODE = 'CT002';
END
$$;
CREATE TRIGGER information_unit_retired_immutable BEFORE UPDATE OR DELETE ON cutter_core.information_unit
    FOR EACH ROW WHEN (OLD.lifecycle_state = 'retired') EXECUTE FUNCTION cutter_core.guard_enacted_unit();

-- A draft becomes enacted (phase 10) or stays a draft; it is never retired without having been enacted.
CREATE FUNCTION cutter_core.guard_draft_unit() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'cutter: draft information_unit % (%) cannot become %', OLD.iu_id, OLD.address, NEW.lifecycle_state
        USING ERRCODE = 'CT002';
END
$$;
CREATE TRIGGER information_unit_draft_transition BEFORE UPDATE ON cutter_core.information_unit
    FOR EACH ROW WHEN (OLD.lifecycle_state = 'draft' AND NEW.lifecycle_state NOT IN ('draft', 'enacted'))
    EXECUTE FUNCTION cutter_core.guard_draft_unit();

-- Replaces 0004's: versions never change but for the supersede mark; a version goes only while its unit is a draft,
-- or under a revert authorization of the run that wrote it.
CREATE OR REPLACE FUNCTION cutter_core.guard_unit_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF cutter_governance.revert_authorized(OLD.run_id) THEN
            RETURN OLD;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM cutter_core.information_unit u
                       WHERE u.iu_id = OLD.iu_id AND u.lifecycle_state <> 'draft') THEN
            RETURN OLD;
        END IF;
    ELSIF (NEW.uv_id, NEW.iu_id, NEW.version_no, NEW.content, NEW.content_sha256, NEW.content_hash_form, NEW.run_id, NEW.heading, NEW.parent_iu_id)
          IS NOT DISTINCT FROM (OLD.uv_id, OLD.iu_id, OLD.version_no, OLD.content, OLD.content_sha256, OLD.content_hash_form, OLD.run_id, OLD.heading, OLD.parent_iu_id) THEN
        IF OLD.superseded_run_id IS NULL AND NEW.superseded_run_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM cutter_core.unit_version w
                       WHERE w.iu_id = OLD.iu_id AND w.version_no > OLD.version_no AND w.run_id = NEW.superseded_run_id) THEN
            RETURN NEW;
        END IF;
        IF OLD.superseded_run_id IS NOT NULL AND NEW.superseded_run_id IS NULL
           AND cutter_governance.revert_authorized(OLD.superseded_run_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'cutter: unit_version % of an enacted unit is immutable: % refused', OLD.uv_id, TG_OP
        USING ERRCODE = 'CT002';
END
$$;

-- The flag an UPDATE of a unit or version needs: for a row whose mark (TG_ARGV[1]: retired_run_id, superseded_run_id)
-- changes, the flag of the run the mark names (set) or named (cleared); otherwise the row's own run's, as 0009's
-- require_run_flags. A row whose key (TG_ARGV[0]) or run_id changes needs every run it names.
CREATE FUNCTION cutter_governance.require_marked_update_flags() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r uuid;
BEGIN
    FOR r IN EXECUTE format($q$
            SELECT CASE WHEN o.%2$I IS DISTINCT FROM n.%2$I THEN coalesce(n.%2$I, o.%2$I) ELSE n.run_id END
            FROM changed_rows o JOIN changed_rows_new n ON n.%1$I = o.%1$I
            UNION SELECT o.run_id FROM changed_rows o LEFT JOIN changed_rows_new n ON n.%1$I = o.%1$I
                  WHERE n.%1$I IS NULL OR n.run_id IS DISTINCT FROM o.run_id
            UNION SELECT n.run_id FROM changed_rows_new n LEFT JOIN changed_rows o ON o.%1$I = n.%1$I
                  WHERE o.%1$I IS NULL OR o.run_id IS DISTINCT FROM n.run_id
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
ALTER FUNCTION cutter_governance.require_marked_update_flags() OWNER TO cutter_governor;
REVOKE ALL ON FUNCTION cutter_governance.require_marked_update_flags() FROM PUBLIC;

DROP TRIGGER information_unit_flag_update ON cutter_core.information_unit;
CREATE TRIGGER information_unit_flag_update AFTER UPDATE ON cutter_core.information_unit
    REFERENCING OLD TABLE AS changed_rows NEW TABLE AS changed_rows_new
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_marked_update_flags('iu_id', 'retired_run_id');
DROP TRIGGER unit_version_flag_update ON cutter_core.unit_version;
CREATE TRIGGER unit_version_flag_update AFTER UPDATE ON cutter_core.unit_version
    REFERENCING OLD TABLE AS changed_rows NEW TABLE AS changed_rows_new
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_marked_update_flags('uv_id', 'superseded_run_id');

-- ---------------------------------------------------------------------------------------------------------------
-- The run's kind, written once by run_create, covered by the transparency log as row images (like the run table).
-- ---------------------------------------------------------------------------------------------------------------
CREATE TABLE cutter_governance.run_kind (
    run_id      uuid PRIMARY KEY REFERENCES cutter_governance.run (run_id),
    kind        text NOT NULL CHECK (kind IN ('initial', 'amendment')),
    enacted_sha text CHECK (enacted_sha ~ '^sha256:enacted-v[0-9]+:[0-9a-f]{64}$'),
    recorded_at timestamptz NOT NULL,
    CHECK ((kind = 'amendment') = (enacted_sha IS NOT NULL))
);
CREATE TRIGGER run_kind_immutable BEFORE UPDATE OR DELETE ON cutter_governance.run_kind
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER run_kind_no_truncate BEFORE TRUNCATE ON cutter_governance.run_kind
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.refuse_truncate();

-- log-leaf-v1 row text: run_id, kind, enacted_sha, recorded_at (LoggedTable.RunKind in C#).
CREATE FUNCTION cutter_governance.log_run_kind_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s record;
BEGIN
    SELECT count(*) AS n, min(r.run_id::text) AS first_key, max(r.run_id::text) AS last_key,
           CASE WHEN count(*) = 1 THEN min(r.run_id::text)::uuid END AS run_id,
           string_agg(r.run_id || E'\t' || cutter_governance.log_text(r.kind) || E'\t' || cutter_governance.log_text(r.enacted_sha)
               || E'\t' || cutter_governance.log_time(r.recorded_at) || E'\n', '' ORDER BY r.run_id) AS lines
    INTO s FROM new_rows r;
    IF s.n = 0 THEN RETURN NULL; END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cutter: %.% write refused: the audit log needs READ COMMITTED, not %',
            TG_TABLE_SCHEMA, TG_TABLE_NAME, current_setting('transaction_isolation') USING ERRCODE = 'CT003';
    END IF;
    PERFORM cutter_governance.log_append(cutter_governance.log_next_entry(), TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME,
        'insert', s.run_id, s.n, s.first_key, s.last_key, s.lines, true);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION cutter_governance.log_run_kind_insert() FROM PUBLIC;
CREATE TRIGGER run_kind_log_insert AFTER INSERT ON cutter_governance.run_kind
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.log_run_kind_insert();

-- The run, its flag row and its kind, in one call. 'initial' only for a document without enacted units, 'amendment'
-- only for one with them, naming the enacted-v1 sha its plan pinned.
CREATE FUNCTION cutter_governance.run_create(p_run_id uuid, p_document_id bigint, p_mode text, p_actor text, p_payload_sha text,
    p_candidate_count integer, p_at timestamptz, p_kind text, p_enacted_sha text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_enacted boolean;
BEGIN
    v_enacted := EXISTS (SELECT 1 FROM cutter_core.information_unit u WHERE u.document_id = p_document_id AND u.lifecycle_state = 'enacted');
    IF p_kind IS NULL OR p_kind NOT IN ('initial', 'amendment') THEN
        RAISE EXCEPTION 'cutter: run % refused: kind % is neither initial nor amendment', p_run_id, coalesce(p_kind, 'NULL') USING ERRCODE = 'CT018';
    END IF;
    IF p_kind = 'initial' AND (v_enacted OR p_enacted_sha IS NOT NULL) THEN
        RAISE EXCEPTION 'cutter: run % refused: an initial run of document % that already has enacted units (an amendment run changes it)', p_run_id, p_document_id
            USING ERRCODE = 'CT018';
    END IF;
    IF p_kind = 'amendment' AND (NOT v_enacted OR coalesce(p_enacted_sha, '') !~ '^sha256:enacted-v[0-9]+:[0-9a-f]{64}$') THEN
        RAISE EXCEPTION 'cutter: run % refused: an amendment run needs a document with enacted units and the enacted sha its plan pinned (document %, sha %)',
            p_run_id, p_document_id, coalesce(p_enacted_sha, 'NULL') USING ERRCODE = 'CT018';
    END IF;
    PERFORM cutter_governance.run_create(p_run_id, p_document_id, p_mode, p_actor, p_payload_sha, p_candidate_count, p_at);
    INSERT INTO cutter_governance.run_kind (run_id, kind, enacted_sha, recorded_at) VALUES (p_run_id, p_kind, p_enacted_sha, p_at);
END
$$;
ALTER FUNCTION cutter_governance.run_create(uuid, bigint, text, text, text, integer, timestamptz, text, text) OWNER TO cutter_governor;
REVOKE ALL ON FUNCTION cutter_governance.run_create(uuid, bigint, text, text, text, integer, timestamptz, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cutter_governance.run_create(uuid, bigint, text, text, text, integer, timestamptz, text, text) TO cutter_exec;

-- ---------------------------------------------------------------------------------------------------------------
-- Lane grants (part of the pinned grant matrix).
-- ---------------------------------------------------------------------------------------------------------------
GRANT UPDATE (retired_run_id) ON cutter_core.information_unit TO cutter_exec;
GRANT UPDATE (superseded_run_id) ON cutter_core.unit_version TO cutter_exec;
GRANT SELECT ON cutter_governance.run_kind TO cutter_exec, cutter_verify, cutter_governor;
GRANT INSERT ON cutter_governance.run_kind TO cutter_governor;
