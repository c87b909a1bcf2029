-- The form of every stored content hash (docs/hashes.md; docs/payload-sha.md, "content_hash_form").
--
-- unit_version.content_hash_form names the form of content_sha256. Every row written before this migration was made
-- in sha256:content-v1 (the only content form there has been), so the column's default says exactly that of them.
-- ADD COLUMN with a constant default does not rewrite the table and fires no row trigger (PostgreSQL 11+ stores the
-- default in the catalog and reads it for the old rows), so no existing unit_version row is touched and the
-- immutability guards of 0004 have nothing to refuse: nothing here updates a row.
--
-- The rule for a future content form (sha256:content-v2, ...):
--   * add a branch to cutter_core.content_hash below (CREATE OR REPLACE in a new migration) and the form to
--     HashForms in the code; never change or remove the branch of a form already in use;
--   * new rows are written in the new form; rows already stored keep their content_sha256 and content_hash_form
--     as they are. A hash in the new form for an old row goes beside it (a new column or a new row), never as an
--     UPDATE of content_sha256: unit versions are immutable, and a silent re-hash would erase what was approved.

ALTER TABLE cutter_core.unit_version
    ADD COLUMN content_hash_form text NOT NULL DEFAULT 'sha256:content-v1'
        CONSTRAINT unit_version_content_hash_form_check CHECK (content_hash_form ~ '^sha256:content-v[0-9]+$');

-- The one place that knows how each content form is computed: the digest of content in the named form, as 64 hex,
-- or NULL for a form this store does not know (a caller counts such a row as unverifiable, not as a mismatch).
CREATE FUNCTION cutter_core.content_hash(form text, content text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE form
        WHEN 'sha256:content-v1' THEN encode(sha256(convert_to(content, 'UTF8')), 'hex')
        ELSE NULL
    END
$$;

-- Grants: the lanes' table-level SELECT (both) and INSERT (cutter_exec) on unit_version cover the new column; there
-- are no column-level grants on unit_version. content_hash keeps PostgreSQL's default EXECUTE for PUBLIC, like the
-- chain functions of 0006; the schemas are closed to PUBLIC (0001), so only the lanes reach it. The grant matrix
-- gains that function's line, so its sha changes with this migration.
