-- The lanes' privileges. Everything here is part of the grant matrix whose sha is pinned in configuration:
-- change a grant and every deployment's pin must change with it.
GRANT USAGE ON SCHEMA cutter_core, cutter_governance TO cutter_exec, cutter_verify;

-- cutter_verify: read-only.
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_core TO cutter_verify;
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_governance TO cutter_verify;
-- Sequences too, so the read-only lane can take the narrow pg_dump backup.
GRANT SELECT ON ALL SEQUENCES IN SCHEMA cutter_core TO cutter_verify;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA cutter_governance TO cutter_verify;

-- cutter_exec: read, insert what a run writes, the draft -> enacted transition, the flag, and run bookkeeping.
-- DELETE is granted on content tables because a draft run is compensated by deleting its rows; the triggers
-- refuse any delete of enacted or audit rows outside an SG_3 revert authorization.
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_core TO cutter_exec;
GRANT SELECT ON ALL TABLES IN SCHEMA cutter_governance TO cutter_exec;
GRANT INSERT ON cutter_core.document TO cutter_exec;
GRANT INSERT, DELETE ON cutter_core.information_unit, cutter_core.unit_version, cutter_core.lifecycle_log TO cutter_exec;
GRANT UPDATE (lifecycle_state) ON cutter_core.information_unit TO cutter_exec;
GRANT USAGE ON SEQUENCE cutter_core.information_unit_id_seq, cutter_core.unit_version_id_seq TO cutter_exec;
GRANT INSERT ON cutter_governance.run, cutter_governance.phase_ledger, cutter_governance.review_decision TO cutter_exec;
GRANT UPDATE (state, updated_at) ON cutter_governance.run TO cutter_exec;
GRANT UPDATE (enabled, run_id, ruling_kb_id, changed_at) ON cutter_governance.execution_flag TO cutter_exec;
GRANT INSERT ON cutter_governance.revert_authorization TO cutter_exec;
GRANT UPDATE (consumed_at) ON cutter_governance.revert_authorization TO cutter_exec;
