-- Hardening after the outside probe (issue 8) and typed columns (issue 9).
--
-- Roles are CHECKed. SQLite cannot add a CHECK to an existing table, so memberships and
-- invitations are rebuilt (nothing refers to either). Invitations gain revoked_at and one open
-- invitation per address (a partial unique index); older duplicates are revoked first.

CREATE TABLE memberships_new (
    org_id     BLOB NOT NULL REFERENCES organisations (id),
    user_id    BLOB NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'accountant', 'viewer')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
INSERT INTO memberships_new (org_id, user_id, role, created_at)
    SELECT org_id, user_id, role, created_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations_new (
    id          BLOB NOT NULL PRIMARY KEY,
    org_id      BLOB NOT NULL REFERENCES organisations (id),
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CONSTRAINT invitations_role_check CHECK (role IN ('owner', 'admin', 'accountant', 'viewer')),
    token_hash  TEXT NOT NULL,
    invited_by  BLOB NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT,
    revoked_at  TEXT
);
INSERT INTO invitations_new (id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at)
    SELECT id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
CREATE INDEX invitations_org_idx ON invitations (org_id);
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
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;

-- The audit trail: keyed hashes name their key; heads are signed; checkpoints record heads.
ALTER TABLE audit_events ADD COLUMN key_id TEXT;
ALTER TABLE audit_chains ADD COLUMN key_id TEXT;
ALTER TABLE audit_chains ADD COLUMN mac TEXT;

CREATE TABLE audit_checkpoints (
    chain      TEXT   NOT NULL,
    seq        BIGINT NOT NULL,
    hash       TEXT   NOT NULL,
    key_id     TEXT   NOT NULL,
    mac        TEXT   NOT NULL,
    created_at TEXT   NOT NULL,
    PRIMARY KEY (chain, seq)
);

-- Append-only: the application never changes or removes a row of the trail, and neither may
-- anyone else without first dropping these triggers.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
