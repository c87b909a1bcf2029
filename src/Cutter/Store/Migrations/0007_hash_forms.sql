-- Hashes carry their form (docs/hashes.md): new values are written tagged, '<algorithm>:<family>-v<N>:<hex>', beside
-- the untagged ones written before (which every reader takes as version 1). Only the shape checks change here:
-- no stored value is rewritten or re-hashed.
ALTER TABLE cutter_governance.run DROP CONSTRAINT run_payload_sha_check,
    ADD CONSTRAINT run_payload_sha_check CHECK (payload_sha ~ '^(sha256:payload-v[0-9]+:)?[0-9a-f]{64}$');
ALTER TABLE cutter_governance.revert_authorization DROP CONSTRAINT revert_authorization_state_sha_check,
    ADD CONSTRAINT revert_authorization_state_sha_check CHECK (state_sha ~ '^(sha256:footprint-v[0-9]+:)?[0-9a-f]{64}$');
