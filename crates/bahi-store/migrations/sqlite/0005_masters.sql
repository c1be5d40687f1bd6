-- Parties (customers and vendors) and items (issue 11). `search_name` is the name lower-cased
-- by the application (Unicode-aware, the same on both engines): lists sort and search on it.
-- A party's GSTIN, and an item's name, are unique among the organisation's live (unarchived)
-- records. Money is integer paise; rates are hundredths of a percent.

CREATE TABLE parties (
    id                 BLOB NOT NULL PRIMARY KEY,
    org_id             BLOB NOT NULL REFERENCES organisations (id),
    name               TEXT NOT NULL,
    search_name        TEXT NOT NULL,
    kind               TEXT NOT NULL
        CONSTRAINT parties_kind_check CHECK (kind IN ('customer', 'vendor', 'both')),
    registration       TEXT NOT NULL
        CONSTRAINT parties_registration_check
        CHECK (registration IN ('regular', 'composition', 'uin', 'sez', 'unregistered', 'overseas')),
    gstin              TEXT,
    state_code         TEXT,
    country            TEXT,
    email              TEXT,
    phone              TEXT,
    billing_line1      TEXT,
    billing_line2      TEXT,
    billing_city       TEXT,
    billing_pincode    TEXT,
    billing_state_code TEXT,
    archived_at        TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX parties_org_name_idx ON parties (org_id, search_name, id);
CREATE UNIQUE INDEX parties_org_gstin_key ON parties (org_id, gstin)
    WHERE gstin IS NOT NULL AND archived_at IS NULL;

CREATE TABLE items (
    id          BLOB   NOT NULL PRIMARY KEY,
    org_id      BLOB   NOT NULL REFERENCES organisations (id),
    name        TEXT   NOT NULL,
    search_name TEXT   NOT NULL,
    kind        TEXT   NOT NULL
        CONSTRAINT items_kind_check CHECK (kind IN ('goods', 'services')),
    hsn_sac     TEXT   NOT NULL,
    unit        TEXT,
    price       BIGINT NOT NULL CONSTRAINT items_price_check CHECK (price >= 0),
    gst_rate    BIGINT NOT NULL CONSTRAINT items_gst_rate_check CHECK (gst_rate BETWEEN 0 AND 10000),
    treatment   TEXT   NOT NULL
        CONSTRAINT items_treatment_check CHECK (treatment IN ('taxable', 'nil_rated', 'exempt', 'non_gst')),
    cess_rate   BIGINT NOT NULL CONSTRAINT items_cess_rate_check CHECK (cess_rate BETWEEN 0 AND 10000),
    archived_at TEXT,
    created_at  TEXT   NOT NULL,
    updated_at  TEXT   NOT NULL
);
CREATE INDEX items_org_name_idx ON items (org_id, search_name, id);
CREATE INDEX items_org_hsn_idx ON items (org_id, hsn_sac);
CREATE UNIQUE INDEX items_org_name_key ON items (org_id, search_name) WHERE archived_at IS NULL;
