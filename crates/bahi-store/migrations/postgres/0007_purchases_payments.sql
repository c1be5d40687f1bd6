-- Purchase bills and payments (issue 11). A bill is recorded as the vendor issued it and never
-- edited after; it is voided to correct it. Its vendor invoice number is unique per vendor and
-- financial year among live bills. On a reverse-charge bill (and an import) the tax heads hold
-- the tax the organisation itself owes, and `total` is what the vendor is paid.
--
-- A payment (received from a customer or made to a vendor) is split across documents by its
-- allocations; what is not allocated stays on the party as an advance, to allocate later. The
-- documents' `amount_paid` moves in the same transaction as the allocation, and never past
-- their total (a CHECK keeps it so).

CREATE TABLE purchase_bills (
    id                    UUID    NOT NULL PRIMARY KEY,
    org_id                UUID    NOT NULL REFERENCES organisations (id),
    status                TEXT    NOT NULL
        CONSTRAINT purchase_bills_status_check CHECK (status IN ('recorded', 'void')),
    vendor_id             UUID    NOT NULL REFERENCES parties (id),
    vendor_name           TEXT    NOT NULL,
    vendor_registration   TEXT    NOT NULL
        CONSTRAINT purchase_bills_vendor_registration_check
        CHECK (vendor_registration IN ('regular', 'composition', 'uin', 'sez', 'unregistered', 'overseas')),
    vendor_gstin          TEXT,
    vendor_state_code     TEXT,
    vendor_invoice_number TEXT    NOT NULL,
    financial_year        BIGINT  NOT NULL,
    date                  DATE    NOT NULL,
    due_date              DATE,
    place_of_supply       TEXT    NOT NULL,
    inter_state           BOOLEAN NOT NULL,
    reverse_charge        BOOLEAN NOT NULL,
    import_kind           TEXT
        CONSTRAINT purchase_bills_import_check CHECK (import_kind IN ('goods', 'services')),
    bill_of_entry_number  TEXT,
    bill_of_entry_date    DATE,
    bill_of_entry_port    TEXT,
    notes                 TEXT,
    taxable_value         BIGINT  NOT NULL,
    cgst                  BIGINT  NOT NULL,
    sgst                  BIGINT  NOT NULL,
    igst                  BIGINT  NOT NULL,
    cess                  BIGINT  NOT NULL,
    round_off             BIGINT  NOT NULL,
    total                 BIGINT  NOT NULL CONSTRAINT purchase_bills_total_check CHECK (total >= 0),
    amount_paid           BIGINT  NOT NULL
        CONSTRAINT purchase_bills_amount_paid_check CHECK (amount_paid >= 0 AND amount_paid <= total),
    void_reason           TEXT,
    created_by            UUID REFERENCES users (id),
    voided_at             TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX purchase_bills_vendor_number_key
    ON purchase_bills (org_id, vendor_id, financial_year, vendor_invoice_number)
    WHERE status <> 'void';
CREATE INDEX purchase_bills_org_date_idx ON purchase_bills (org_id, date, id);
CREATE INDEX purchase_bills_org_vendor_idx ON purchase_bills (org_id, vendor_id, date);

CREATE TABLE purchase_lines (
    bill_id       UUID   NOT NULL REFERENCES purchase_bills (id),
    position      BIGINT NOT NULL,
    org_id        UUID   NOT NULL REFERENCES organisations (id),
    item_id       UUID REFERENCES items (id),
    description   TEXT   NOT NULL,
    hsn_sac       TEXT,
    quantity      BIGINT NOT NULL CONSTRAINT purchase_lines_quantity_check CHECK (quantity >= 0),
    unit          TEXT,
    unit_price    BIGINT NOT NULL CONSTRAINT purchase_lines_unit_price_check CHECK (unit_price >= 0),
    discount      BIGINT NOT NULL CONSTRAINT purchase_lines_discount_check CHECK (discount >= 0),
    gst_rate      BIGINT NOT NULL CONSTRAINT purchase_lines_gst_rate_check CHECK (gst_rate BETWEEN 0 AND 10000),
    cess_rate     BIGINT NOT NULL CONSTRAINT purchase_lines_cess_rate_check CHECK (cess_rate BETWEEN 0 AND 10000),
    treatment     TEXT   NOT NULL
        CONSTRAINT purchase_lines_treatment_check CHECK (treatment IN ('taxable', 'nil_rated', 'exempt', 'non_gst')),
    itc           TEXT   NOT NULL
        CONSTRAINT purchase_lines_itc_check CHECK (itc IN ('eligible', 'ineligible')),
    taxable_value BIGINT NOT NULL,
    cgst          BIGINT NOT NULL,
    sgst          BIGINT NOT NULL,
    igst          BIGINT NOT NULL,
    cess          BIGINT NOT NULL,
    total         BIGINT NOT NULL,
    PRIMARY KEY (bill_id, position)
);
CREATE INDEX purchase_lines_item_idx ON purchase_lines (item_id);

CREATE TABLE payments (
    id          UUID   NOT NULL PRIMARY KEY,
    org_id      UUID   NOT NULL REFERENCES organisations (id),
    direction   TEXT   NOT NULL
        CONSTRAINT payments_direction_check CHECK (direction IN ('received', 'made')),
    status      TEXT   NOT NULL
        CONSTRAINT payments_status_check CHECK (status IN ('recorded', 'void')),
    party_id    UUID   NOT NULL REFERENCES parties (id),
    date        DATE   NOT NULL,
    amount      BIGINT NOT NULL CONSTRAINT payments_amount_check CHECK (amount > 0),
    allocated   BIGINT NOT NULL
        CONSTRAINT payments_allocated_check CHECK (allocated >= 0 AND allocated <= amount),
    mode        TEXT   NOT NULL
        CONSTRAINT payments_mode_check
        CHECK (mode IN ('cash', 'upi', 'bank_transfer', 'card', 'cheque', 'gateway')),
    reference   TEXT,
    notes       TEXT,
    void_reason TEXT,
    created_by  UUID REFERENCES users (id),
    voided_at   TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX payments_org_date_idx ON payments (org_id, date, id);
CREATE INDEX payments_org_party_idx ON payments (org_id, party_id, date);

CREATE TABLE payment_allocations (
    payment_id UUID   NOT NULL REFERENCES payments (id),
    position   BIGINT NOT NULL,
    org_id     UUID   NOT NULL REFERENCES organisations (id),
    invoice_id UUID REFERENCES sales_documents (id),
    bill_id    UUID REFERENCES purchase_bills (id),
    amount     BIGINT NOT NULL CONSTRAINT payment_allocations_amount_check CHECK (amount > 0),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (payment_id, position),
    CONSTRAINT payment_allocations_target_check CHECK ((invoice_id IS NULL) <> (bill_id IS NULL))
);
CREATE INDEX payment_allocations_invoice_idx ON payment_allocations (invoice_id);
CREATE INDEX payment_allocations_bill_idx ON payment_allocations (bill_id);
