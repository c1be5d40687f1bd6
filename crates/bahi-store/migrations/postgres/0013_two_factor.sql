-- Two-factor sign-in with TOTP (issue 14). A user's authenticator secret is kept from the
-- start of enrolment; it counts only once confirmed with a code (`enabled_at`). `last_step` is
-- the time step of the last code accepted, so a code is never accepted twice. Ten recovery
-- codes, kept as hashes, each used once. A sign-in that passed its password waits for its
-- second factor as a challenge: a single-use token (hashed) valid for a few minutes.
-- A business may require a second factor of every member who signs in with a password.

CREATE TABLE two_factor (
    user_id    UUID        NOT NULL PRIMARY KEY REFERENCES users (id),
    secret     TEXT        NOT NULL,
    enabled_at TIMESTAMPTZ,
    last_step  BIGINT,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE recovery_codes (
    user_id   UUID        NOT NULL REFERENCES users (id),
    code_hash TEXT        NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE login_challenges (
    token_hash TEXT        NOT NULL PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX login_challenges_user_idx ON login_challenges (user_id);

ALTER TABLE organisations ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT FALSE;
