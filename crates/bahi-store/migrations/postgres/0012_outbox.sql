-- The outbox (issue 14): mail written in the same transaction as the change that causes it,
-- delivered by a worker inside `serve`. A message is `pending` until delivered (`sent`) or
-- given up on (`dead`, retryable by an admin). A worker claims a due message by moving its
-- `next_attempt_at` past the lease it needs to deliver it, so a worker that dies mid-send gives
-- the message back when the lease runs out; `attempts` doubles as the claim's token, so a late
-- worker cannot mark a message another has since claimed. Times the worker compares are epoch
-- milliseconds (text timestamps do not order reliably on SQLite).
--
-- `idempotency_key` names what the message is for (a reminder step of an invoice, say), so a
-- second enqueue of the same thing is a no-op. `message` holds the formatted RFC 5322 message
-- (its Message-ID fixed at enqueue, the same on every retry); it is erased once sent.

CREATE TABLE outbox (
    id              UUID        NOT NULL PRIMARY KEY,
    org_id          UUID        REFERENCES organisations (id),
    kind            TEXT        NOT NULL
        CONSTRAINT outbox_kind_check CHECK (kind IN ('document', 'invitation', 'password_reset', 'reminder')),
    idempotency_key TEXT        NOT NULL,
    sender          TEXT        NOT NULL,
    recipients      TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    message         BYTEA,
    state           TEXT        NOT NULL
        CONSTRAINT outbox_state_check CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        BIGINT      NOT NULL DEFAULT 0,
    next_attempt_at BIGINT      NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE UNIQUE INDEX outbox_idempotency_key ON outbox (idempotency_key);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_state_idx ON outbox (state, created_at);
CREATE INDEX outbox_org_idx ON outbox (org_id, created_at);

-- Password reset by e-mail: a single-use token, kept as its hash, valid for 30 minutes.
CREATE TABLE password_resets (
    token_hash TEXT        NOT NULL PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Payment reminders (off by default): a reminder so many days before the due date and one so
-- many days after, each sent once (the outbox's idempotency key is the invoice and the step).
ALTER TABLE organisations ADD COLUMN payment_reminders BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE organisations ADD COLUMN reminder_days_before BIGINT
    CONSTRAINT organisations_reminder_days_before_check CHECK (reminder_days_before BETWEEN 0 AND 90);
ALTER TABLE organisations ADD COLUMN reminder_days_after BIGINT
    CONSTRAINT organisations_reminder_days_after_check CHECK (reminder_days_after BETWEEN 1 AND 365);
-- The reminder scheduler looks for issued documents by due date.
CREATE INDEX sales_documents_org_due_idx ON sales_documents (org_id, due_date) WHERE status = 'issued';
