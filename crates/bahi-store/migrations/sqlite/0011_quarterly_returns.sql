-- Quarterly returns and the turnover band (issue 13).
--
-- A business with an aggregate turnover up to ₹5 crore may file GSTR-1 and GSTR-3B quarterly
-- (QRMP) and furnish the first two months' B2B invoices through IFF; above ₹5 crore it files
-- monthly and its invoices need six-digit HSN codes (four below). Filed periods may now be a
-- quarter (`2026-Q3`) or an IFF month. SQLite cannot change a CHECK, so filed_periods is
-- rebuilt (nothing refers to it).

ALTER TABLE organisations ADD COLUMN quarterly_returns BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE organisations ADD COLUMN turnover_above_5_crore BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE filed_periods_new (
    org_id      BLOB NOT NULL REFERENCES organisations (id),
    return_type TEXT NOT NULL
        CONSTRAINT filed_periods_return_type_check CHECK (return_type IN ('gstr-1', 'gstr-3b', 'iff')),
    period      TEXT NOT NULL,
    filed_by    BLOB REFERENCES users (id),
    filed_at    TEXT NOT NULL,
    PRIMARY KEY (org_id, return_type, period)
);
INSERT INTO filed_periods_new (org_id, return_type, period, filed_by, filed_at)
    SELECT org_id, return_type, period, filed_by, filed_at FROM filed_periods;
DROP TABLE filed_periods;
ALTER TABLE filed_periods_new RENAME TO filed_periods;
