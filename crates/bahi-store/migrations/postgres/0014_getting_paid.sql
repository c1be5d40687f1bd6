-- Getting paid (issue 15).
--
-- A business connects its own payment gateway accounts (the money is theirs): the key id in
-- clear, the key secret and the webhook secret sealed (ChaCha20-Poly1305 under a key derived
-- from BAHI_SECRET_KEY), never shown again.
CREATE TABLE integrations (
    org_id         UUID        NOT NULL REFERENCES organisations (id),
    provider       TEXT        NOT NULL
        CONSTRAINT integrations_provider_check CHECK (provider IN ('razorpay', 'stripe')),
    mode           TEXT        NOT NULL
        CONSTRAINT integrations_mode_check CHECK (mode IN ('test', 'live')),
    key_id         TEXT        NOT NULL,
    key_secret     TEXT        NOT NULL,
    webhook_secret TEXT        NOT NULL,
    updated_by     UUID        REFERENCES users (id),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, provider)
);

-- A public link to one invoice: its token is the link's id signed with a key derived from
-- BAHI_SECRET_KEY (nothing of it is stored); the row is what makes it expire or be withdrawn.
CREATE TABLE public_links (
    id          UUID        NOT NULL PRIMARY KEY,
    org_id      UUID        NOT NULL REFERENCES organisations (id),
    document_id UUID        NOT NULL REFERENCES sales_documents (id),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    created_by  UUID        REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX public_links_document_idx ON public_links (org_id, document_id, created_at);

-- What a gateway made for an invoice (a Razorpay Payment Link, a Stripe Checkout Session),
-- reused while it asks for the balance still due. Webhooks do not need it: they find their
-- invoice by the ids bahi put into what it sent.
CREATE TABLE checkout_links (
    org_id       UUID        NOT NULL REFERENCES organisations (id),
    provider     TEXT        NOT NULL
        CONSTRAINT checkout_links_provider_check CHECK (provider IN ('razorpay', 'stripe')),
    provider_ref TEXT        NOT NULL,
    document_id  UUID        NOT NULL REFERENCES sales_documents (id),
    amount       BIGINT      NOT NULL,
    url          TEXT        NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, provider, provider_ref)
);
CREATE INDEX checkout_links_document_idx ON checkout_links (org_id, document_id, provider);

-- The inbox: each verified webhook event, kept before it is acted on, once per provider's event
-- id (a redelivery is a no-op). A worker inside `serve` applies `pending` events the way the
-- outbox worker sends mail (a lease on `next_attempt_at`, `attempts` as the claim's token):
-- `applied` recorded a payment against its invoice; `flagged` recorded it as an advance that
-- needs a look (the invoice was void, or paid meanwhile); `ignored` needs nothing; `failed`
-- could not be applied (`outcome` says why).
CREATE TABLE gateway_events (
    id              UUID        NOT NULL PRIMARY KEY,
    org_id          UUID        NOT NULL REFERENCES organisations (id),
    provider        TEXT        NOT NULL
        CONSTRAINT gateway_events_provider_check CHECK (provider IN ('razorpay', 'stripe')),
    event_id        TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    payload         TEXT        NOT NULL,
    state           TEXT        NOT NULL
        CONSTRAINT gateway_events_state_check
        CHECK (state IN ('pending', 'applied', 'flagged', 'ignored', 'failed')),
    attempts        BIGINT      NOT NULL DEFAULT 0,
    next_attempt_at BIGINT      NOT NULL,
    payment_id      UUID        REFERENCES payments (id),
    outcome         TEXT,
    received_at     TIMESTAMPTZ NOT NULL,
    settled_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX gateway_events_event_key ON gateway_events (org_id, provider, event_id);
CREATE INDEX gateway_events_due_idx ON gateway_events (next_attempt_at) WHERE state = 'pending';
CREATE INDEX gateway_events_org_idx ON gateway_events (org_id, id);
CREATE INDEX gateway_events_state_idx ON gateway_events (state, received_at);

-- A payment a gateway reported carries the provider's payment id: one payment, one record,
-- whichever events report it.
ALTER TABLE payments ADD COLUMN gateway_ref TEXT;
CREATE UNIQUE INDEX payments_gateway_ref_key ON payments (org_id, gateway_ref);
