-- What printed documents need besides the organisation's settings (issue 12).
--
-- A business's logo: one PNG or JPEG per organisation, checked (it decodes, at most 512 KB) by
-- the application before it is stored. In the database rather than on disk, so that replicas
-- share it and a backup carries it.
CREATE TABLE org_logos (
    org_id       BLOB NOT NULL PRIMARY KEY REFERENCES organisations (id),
    content_type TEXT NOT NULL
        CONSTRAINT org_logos_content_type_check CHECK (content_type IN ('image/png', 'image/jpeg')),
    data         BLOB NOT NULL,
    updated_at   TEXT NOT NULL
);

-- A reverse-charge purchase from an unregistered supplier needs an invoice the buyer issues
-- to itself (CGST Act s.31(3)(f)), numbered in a series of its own (`SI`), taken when the bill
-- is recorded. Older bills have none.
ALTER TABLE purchase_bills ADD COLUMN self_invoice_number TEXT;
CREATE UNIQUE INDEX purchase_bills_self_invoice_key
    ON purchase_bills (org_id, self_invoice_number) WHERE self_invoice_number IS NOT NULL;

-- The supplier's particulars as an issued sales document prints them (Rule 46): copied at issue,
-- as the buyer's are, so a later change of name, address or GSTIN does not rewrite a document
-- already given out. Documents issued before this release have none and print the current ones.
ALTER TABLE sales_documents ADD COLUMN seller_name TEXT;
ALTER TABLE sales_documents ADD COLUMN seller_trade_name TEXT;
ALTER TABLE sales_documents ADD COLUMN seller_gstin TEXT;
ALTER TABLE sales_documents ADD COLUMN seller_address TEXT;
ALTER TABLE sales_documents ADD COLUMN seller_state_code TEXT;
