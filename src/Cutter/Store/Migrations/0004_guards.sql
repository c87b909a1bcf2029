-- Guards enforced by the server itself, for every role including the owner.
-- SQLSTATEs (classified by code, never by message text):
--   CT001  write refused: the execution flag is off
--   CT002  immutable row: update or delete refused

-- True only inside a governed revert/compensation transaction for that run (see revert_authorization).
CREATE FUNCTION cutter_governance.revert_authorized(p_run_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1
        FROM cutter_governance.revert_authorization a
        WHERE a.authorization_id = nullif(current_setting('cutter.revert_authorization', true), '')::uuid
          AND a.run_id = p_run_id
          AND a.consumed_at IS NULL
          AND a.expires_at > now())
$$;

CREATE FUNCTION cutter_governance.require_execution_enabled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cutter_governance.execution_flag
                   WHERE flag_name = '__execution_enabled__' AND enabled) THEN
        RAISE EXCEPTION 'cutter: % on %.% refused: execution flag __execution_enabled__ is off',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'CT001';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER information_unit_requires_flag BEFORE INSERT OR UPDATE OR DELETE ON cutter_core.information_unit
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_execution_enabled();
CREATE TRIGGER unit_version_requires_flag BEFORE INSERT OR UPDATE OR DELETE ON cutter_core.unit_version
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_execution_enabled();
CREATE TRIGGER lifecycle_log_requires_flag BEFORE INSERT OR UPDATE OR DELETE ON cutter_core.lifecycle_log
    FOR EACH STATEMENT EXECUTE FUNCTION cutter_governance.require_execution_enabled();

-- Enacted units: no update, no delete, except a delete under a matching revert authorization.
CREATE FUNCTION cutter_core.guard_enacted_unit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND cutter_governance.revert_authorized(OLD.run_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'cutter: enacted information_unit % (%) is immutable: % refused', OLD.iu_id, OLD.address, TG_OP
        USING ERRCODE = 'CT002';
END
$$;
CREATE TRIGGER information_unit_immutable BEFORE UPDATE OR DELETE ON cutter_core.information_unit
    FOR EACH ROW WHEN (OLD.lifecycle_state = 'enacted') EXECUTE FUNCTION cutter_core.guard_enacted_unit();

-- Unit versions never change; one is deleted only while its unit is a draft, or under a revert authorization.
CREATE FUNCTION cutter_core.guard_unit_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF cutter_governance.revert_authorized(OLD.run_id) THEN
            RETURN OLD;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM cutter_core.information_unit u
                       WHERE u.iu_id = OLD.iu_id AND u.lifecycle_state = 'enacted') THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'cutter: unit_version % of an enacted unit is immutable: % refused', OLD.uv_id, TG_OP
        USING ERRCODE = 'CT002';
END
$$;
CREATE TRIGGER unit_version_immutable BEFORE UPDATE OR DELETE ON cutter_core.unit_version
    FOR EACH ROW EXECUTE FUNCTION cutter_core.guard_unit_version();

-- Audit rows: lifecycle log rows go only under a revert authorization; review decisions and ledger rows never.
CREATE FUNCTION cutter_governance.guard_audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'lifecycle_log' AND cutter_governance.revert_authorized(OLD.run_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'cutter: %.% rows are immutable: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'CT002';
END
$$;
CREATE TRIGGER lifecycle_log_immutable BEFORE UPDATE OR DELETE ON cutter_core.lifecycle_log
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER review_decision_immutable BEFORE UPDATE OR DELETE ON cutter_governance.review_decision
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
CREATE TRIGGER phase_ledger_immutable BEFORE UPDATE OR DELETE ON cutter_governance.phase_ledger
    FOR EACH ROW EXECUTE FUNCTION cutter_governance.guard_audit_row();
