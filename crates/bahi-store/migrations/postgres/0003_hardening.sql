-- Hardening after the outside probe (issue 8) and typed columns (issue 9).
--
-- Roles are CHECKed. Invitations gain revoked_at and one open invitation per address (a partial
-- unique index); older duplicates are revoked first.

ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'admin', 'accountant', 'viewer'));

ALTER TABLE invitations ADD CONSTRAINT invitations_role_check
    CHECK (role IN ('owner', 'admin', 'accountant', 'viewer'));
ALTER TABLE invitations ADD COLUMN revoked_at TIMESTAMPTZ;
UPDATE invitations SET revoked_at = created_at
    WHERE accepted_at IS NULL AND EXISTS (
        SELECT 1 FROM invitations newer
        WHERE newer.org_id = invitations.org_id AND newer.email = invitations.email
          AND newer.accepted_at IS NULL
          AND (newer.created_at > invitations.created_at
               OR (newer.created_at = invitations.created_at AND newer.id > invitations.id)));
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (org_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- API tokens may expire.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;

-- The audit trail: keyed hashes name their key; heads are signed; checkpoints record heads.
ALTER TABLE audit_events ADD COLUMN key_id TEXT;
ALTER TABLE audit_chains ADD COLUMN key_id TEXT;
ALTER TABLE audit_chains ADD COLUMN mac TEXT;

CREATE TABLE audit_checkpoints (
    chain      TEXT        NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       TEXT        NOT NULL,
    key_id     TEXT        NOT NULL,
    mac        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chain, seq)
);

-- Append-only: the application never changes or removes a row of the trail, and neither may
-- anyone else without first disabling these triggers.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
