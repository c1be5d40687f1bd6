-- Identity, tenancy and the audit trail (issue 4). UUIDs are 16-byte BLOBs, timestamps RFC 3339 text.

CREATE TABLE users (
    id                BLOB    NOT NULL PRIMARY KEY,
    email             TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    password_hash     TEXT    NOT NULL,
    is_platform_admin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TEXT    NOT NULL,
    password_changed_at TEXT  NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE organisations (
    id               BLOB    NOT NULL PRIMARY KEY,
    legal_name       TEXT    NOT NULL,
    trade_name       TEXT,
    gstin            TEXT,
    state_code       TEXT    NOT NULL,
    address          TEXT,
    upi_vpa          TEXT,
    round_off_totals BOOLEAN NOT NULL DEFAULT TRUE,
    suspended_at     TEXT,
    created_at       TEXT    NOT NULL
);

CREATE TABLE memberships (
    org_id     BLOB NOT NULL REFERENCES organisations (id),
    user_id    BLOB NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE sessions (
    id_hash      TEXT NOT NULL PRIMARY KEY,
    user_id      BLOB NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
    id           BLOB NOT NULL PRIMARY KEY,
    user_id      BLOB NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE invitations (
    id          BLOB NOT NULL PRIMARY KEY,
    org_id      BLOB NOT NULL REFERENCES organisations (id),
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    invited_by  BLOB NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    accepted_at TEXT
);
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
CREATE INDEX invitations_org_idx ON invitations (org_id);

-- Failed logins and sign-ups, counted per key (account or client address) in a time window;
-- `at` is Unix seconds, compared the same way on both engines.
CREATE TABLE auth_attempts (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX auth_attempts_kind_key_at_idx ON auth_attempts (kind, key, at);

-- One append-only table for the whole system; each row hash-chained to the previous row of
-- its chain (an organisation's id, or 'system' for platform events).
CREATE TABLE audit_events (
    id            BLOB    NOT NULL PRIMARY KEY,
    chain         TEXT    NOT NULL,
    seq           BIGINT  NOT NULL,
    org_id        BLOB,
    at            TEXT    NOT NULL,
    actor_user_id BLOB,
    actor_email   TEXT,
    action        TEXT    NOT NULL,
    entity_type   TEXT    NOT NULL,
    entity_id     TEXT,
    summary       TEXT    NOT NULL,
    ip            TEXT,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);
CREATE UNIQUE INDEX audit_events_chain_seq_key ON audit_events (chain, seq);
CREATE INDEX audit_events_org_idx ON audit_events (org_id, seq);

-- The head of each audit chain: appends lock it, and verification compares against it, so
-- deleting the newest rows is detected too.
CREATE TABLE audit_chains (
    chain     TEXT   NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);
