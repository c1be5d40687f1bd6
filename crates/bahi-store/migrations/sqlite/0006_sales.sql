-- Sales documents (issue 11): tax invoices, bills of supply, credit and debit notes share one
-- table and one shape of lines and totals. A document is a draft until it is issued; issuing
-- takes its number from `document_counters` in the same transaction, so numbers are gapless per
-- organisation, series and financial year. Issued documents are never edited: they are voided
-- (keeping their number) or corrected by a note. The buyer's particulars are copied at issue, so
-- a later change to the party does not rewrite an issued document. Money is integer paise;
-- rates hundredths of a percent; quantities thousandths of a unit.

CREATE TABLE document_counters (
    org_id         BLOB   NOT NULL REFERENCES organisations (id),
    series         TEXT   NOT NULL,
    financial_year BIGINT NOT NULL,
    last_number    BIGINT NOT NULL CONSTRAINT document_counters_last_check CHECK (last_number > 0),
    PRIMARY KEY (org_id, series, financial_year)
);

CREATE TABLE sales_documents (
    id                 BLOB    NOT NULL PRIMARY KEY,
    org_id             BLOB    NOT NULL REFERENCES organisations (id),
    kind               TEXT    NOT NULL
        CONSTRAINT sales_documents_kind_check
        CHECK (kind IN ('invoice', 'bill_of_supply', 'credit_note', 'debit_note')),
    status             TEXT    NOT NULL
        CONSTRAINT sales_documents_status_check CHECK (status IN ('draft', 'issued', 'void')),
    series             TEXT    NOT NULL,
    number             TEXT,
    financial_year     BIGINT,
    date               TEXT    NOT NULL,
    due_date           TEXT,
    customer_id        BLOB    NOT NULL REFERENCES parties (id),
    buyer_name         TEXT    NOT NULL,
    buyer_registration TEXT    NOT NULL
        CONSTRAINT sales_documents_buyer_registration_check
        CHECK (buyer_registration IN ('regular', 'composition', 'uin', 'sez', 'unregistered', 'overseas')),
    buyer_gstin        TEXT,
    buyer_state_code   TEXT,
    buyer_address      TEXT,
    buyer_country      TEXT,
    place_of_supply    TEXT    NOT NULL,
    supply_type        TEXT    NOT NULL
        CONSTRAINT sales_documents_supply_type_check CHECK (supply_type IN ('b2b', 'b2c', 'sez', 'export')),
    inter_state        BOOLEAN NOT NULL,
    with_payment       BOOLEAN NOT NULL,
    deemed_export      BOOLEAN NOT NULL,
    reverse_charge     BOOLEAN NOT NULL,
    shipping_bill_no   TEXT,
    shipping_bill_date TEXT,
    port_code          TEXT,
    original_id        BLOB REFERENCES sales_documents (id),
    reason             TEXT,
    notes              TEXT,
    taxable_value      BIGINT  NOT NULL,
    cgst               BIGINT  NOT NULL,
    sgst               BIGINT  NOT NULL,
    igst               BIGINT  NOT NULL,
    cess               BIGINT  NOT NULL,
    round_off          BIGINT  NOT NULL,
    total              BIGINT  NOT NULL CONSTRAINT sales_documents_total_check CHECK (total >= 0),
    amount_paid        BIGINT  NOT NULL,
    -- What credit notes took off an invoice's balance.
    amount_credited    BIGINT  NOT NULL,
    void_reason        TEXT,
    created_by         BLOB REFERENCES users (id),
    issued_at          TEXT,
    voided_at          TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CONSTRAINT sales_documents_number_check CHECK ((status = 'draft') = (number IS NULL)),
    CONSTRAINT sales_documents_settled_check
        CHECK (amount_paid >= 0 AND amount_credited >= 0 AND amount_paid + amount_credited <= total)
);
CREATE UNIQUE INDEX sales_documents_org_number_key ON sales_documents (org_id, number)
    WHERE number IS NOT NULL;
CREATE INDEX sales_documents_org_date_idx ON sales_documents (org_id, date, id);
CREATE INDEX sales_documents_org_customer_idx ON sales_documents (org_id, customer_id, date);
CREATE INDEX sales_documents_original_idx ON sales_documents (original_id);

CREATE TABLE sales_lines (
    document_id   BLOB   NOT NULL REFERENCES sales_documents (id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    org_id        BLOB   NOT NULL REFERENCES organisations (id),
    item_id       BLOB REFERENCES items (id),
    description   TEXT   NOT NULL,
    hsn_sac       TEXT   NOT NULL,
    quantity      BIGINT NOT NULL CONSTRAINT sales_lines_quantity_check CHECK (quantity >= 0),
    unit          TEXT,
    unit_price    BIGINT NOT NULL CONSTRAINT sales_lines_unit_price_check CHECK (unit_price >= 0),
    discount      BIGINT NOT NULL CONSTRAINT sales_lines_discount_check CHECK (discount >= 0),
    gst_rate      BIGINT NOT NULL CONSTRAINT sales_lines_gst_rate_check CHECK (gst_rate BETWEEN 0 AND 10000),
    cess_rate     BIGINT NOT NULL CONSTRAINT sales_lines_cess_rate_check CHECK (cess_rate BETWEEN 0 AND 10000),
    treatment     TEXT   NOT NULL
        CONSTRAINT sales_lines_treatment_check CHECK (treatment IN ('taxable', 'nil_rated', 'exempt', 'non_gst')),
    taxable_value BIGINT NOT NULL,
    cgst          BIGINT NOT NULL,
    sgst          BIGINT NOT NULL,
    igst          BIGINT NOT NULL,
    cess          BIGINT NOT NULL,
    total         BIGINT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX sales_lines_item_idx ON sales_lines (item_id);

-- A return period filed for GST: nothing may be issued, voided or dated into it until an owner
-- reopens it (API.md, Returns).
CREATE TABLE filed_periods (
    org_id      BLOB NOT NULL REFERENCES organisations (id),
    return_type TEXT NOT NULL
        CONSTRAINT filed_periods_return_type_check CHECK (return_type IN ('gstr-1', 'gstr-3b')),
    period      TEXT NOT NULL,
    filed_by    BLOB REFERENCES users (id),
    filed_at    TEXT NOT NULL,
    PRIMARY KEY (org_id, return_type, period)
);

-- `Idempotency-Key` (API.md, Conventions): the first response to a create, kept 24 hours and
-- returned again for the same key and request; `status` is NULL while the first is running.
CREATE TABLE idempotency_keys (
    org_id       BLOB   NOT NULL REFERENCES organisations (id),
    request_key  TEXT   NOT NULL,
    fingerprint  TEXT   NOT NULL,
    status       BIGINT,
    body         TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (org_id, request_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
