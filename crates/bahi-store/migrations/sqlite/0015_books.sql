-- Books of account (issue 16).
--
-- Every issued document, payment and manual voucher posts one balanced journal in the
-- transaction that records it; every report is computed from the journal lines. Accounts sit in
-- groups laid out as Schedule III of the Companies Act (assets, liabilities, equity, income,
-- expenses with their sub-groups); the accounts and groups postings need carry a `system_key`
-- and cannot be removed. Debtors and creditors are one control account each: a line on them
-- names its party, and a party's ledger is its lines.
--
-- `ledger_days` holds each account's debits and credits per day, written in the same
-- transaction as the lines (and checked against them by `bahi migrate verify`), so a trial
-- balance over years of postings sums a few thousand rows rather than every line.
-- A closed financial year (April–March) refuses postings dated inside it.

CREATE TABLE account_groups (
    id         BLOB        NOT NULL PRIMARY KEY,
    org_id     BLOB        NOT NULL REFERENCES organisations (id),
    code       TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    parent_id  BLOB        REFERENCES account_groups (id),
    nature     TEXT        NOT NULL
        CONSTRAINT account_groups_nature_check
        CHECK (nature IN ('asset', 'liability', 'equity', 'income', 'expense')),
    system_key TEXT,
    created_at TEXT        NOT NULL
);
CREATE UNIQUE INDEX account_groups_code_key ON account_groups (org_id, code);
CREATE UNIQUE INDEX account_groups_name_key ON account_groups (org_id, name);
CREATE UNIQUE INDEX account_groups_system_key ON account_groups (org_id, system_key)
    WHERE system_key IS NOT NULL;

CREATE TABLE accounts (
    id         BLOB        NOT NULL PRIMARY KEY,
    org_id     BLOB        NOT NULL REFERENCES organisations (id),
    code       TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    group_id   BLOB        NOT NULL REFERENCES account_groups (id),
    system_key TEXT,
    created_by BLOB        REFERENCES users (id),
    created_at TEXT        NOT NULL
);
CREATE UNIQUE INDEX accounts_code_key ON accounts (org_id, code);
CREATE UNIQUE INDEX accounts_name_key ON accounts (org_id, name);
CREATE UNIQUE INDEX accounts_system_key ON accounts (org_id, system_key)
    WHERE system_key IS NOT NULL;

-- `origin` names what posted a journal (`sale:<id>`, `sale:<id>:void`, `payment:<id>`,
-- `payment:<id>:allocation:<n>` …), once: posting the same thing twice is a no-op, which makes
-- the back-fill idempotent. Manual vouchers have none. `source` and `source_id` lead from a
-- journal to the document or payment behind it.
CREATE TABLE journals (
    id          BLOB        NOT NULL PRIMARY KEY,
    org_id      BLOB        NOT NULL REFERENCES organisations (id),
    date        TEXT        NOT NULL,
    kind        TEXT        NOT NULL
        CONSTRAINT journals_kind_check
        CHECK (kind IN ('sale', 'credit_note', 'debit_note', 'purchase', 'receipt', 'payment',
                        'allocation', 'journal', 'opening', 'reversal')),
    number      TEXT,
    narration   TEXT        NOT NULL,
    source      TEXT
        CONSTRAINT journals_source_check
        CHECK (source IN ('sales_document', 'purchase_bill', 'payment', 'opening')),
    source_id   BLOB,
    origin      TEXT,
    reverses_id BLOB        REFERENCES journals (id),
    total       BIGINT      NOT NULL CONSTRAINT journals_total_check CHECK (total > 0),
    created_by  BLOB        REFERENCES users (id),
    created_at  TEXT        NOT NULL,
    CONSTRAINT journals_source_id_check CHECK ((source IS NULL) = (source_id IS NULL))
);
CREATE UNIQUE INDEX journals_origin_key ON journals (org_id, origin) WHERE origin IS NOT NULL;
CREATE INDEX journals_org_date_idx ON journals (org_id, date, id);
CREATE INDEX journals_source_idx ON journals (org_id, source_id) WHERE source_id IS NOT NULL;

-- A line is a debit or a credit, never both; `date` is the journal's, kept here so ledgers read
-- one index in date order.
CREATE TABLE journal_lines (
    journal_id BLOB   NOT NULL REFERENCES journals (id),
    position   BIGINT NOT NULL,
    org_id     BLOB   NOT NULL REFERENCES organisations (id),
    date       TEXT   NOT NULL,
    account_id BLOB   NOT NULL REFERENCES accounts (id),
    party_id   BLOB   REFERENCES parties (id),
    debit      BIGINT NOT NULL CONSTRAINT journal_lines_debit_check CHECK (debit >= 0),
    credit     BIGINT NOT NULL CONSTRAINT journal_lines_credit_check CHECK (credit >= 0),
    PRIMARY KEY (journal_id, position),
    CONSTRAINT journal_lines_side_check CHECK ((debit = 0) <> (credit = 0))
);
CREATE INDEX journal_lines_account_idx
    ON journal_lines (org_id, account_id, date, journal_id, position);
CREATE INDEX journal_lines_party_idx
    ON journal_lines (org_id, party_id, date, journal_id, position) WHERE party_id IS NOT NULL;

CREATE TABLE ledger_days (
    org_id     BLOB   NOT NULL REFERENCES organisations (id),
    account_id BLOB   NOT NULL REFERENCES accounts (id),
    day        TEXT   NOT NULL,
    debit      BIGINT NOT NULL CONSTRAINT ledger_days_debit_check CHECK (debit >= 0),
    credit     BIGINT NOT NULL CONSTRAINT ledger_days_credit_check CHECK (credit >= 0),
    PRIMARY KEY (org_id, account_id, day)
);

-- `financial_year` is the year the April–March year begins in (2026 is 2026-27).
CREATE TABLE closed_years (
    org_id         BLOB        NOT NULL REFERENCES organisations (id),
    financial_year BIGINT      NOT NULL,
    closed_by      BLOB        REFERENCES users (id),
    closed_at      TEXT        NOT NULL,
    PRIMARY KEY (org_id, financial_year)
);
