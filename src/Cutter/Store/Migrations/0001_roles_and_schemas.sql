-- Lanes are roles: cutter_exec writes what a run needs, cutter_verify only reads.
-- Roles are cluster-wide, so creation is idempotent; passwords are set by `cutter db migrate` from the environment.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cutter_exec') THEN
        CREATE ROLE cutter_exec LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cutter_verify') THEN
        CREATE ROLE cutter_verify LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
    END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS cutter_core;
CREATE SCHEMA IF NOT EXISTS cutter_governance;
REVOKE ALL ON SCHEMA cutter_core FROM PUBLIC;
REVOKE ALL ON SCHEMA cutter_governance FROM PUBLIC;
