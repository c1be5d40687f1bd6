-- Quarterly returns and the turnover band (issue 13).
--
-- A business with an aggregate turnover up to ₹5 crore may file GSTR-1 and GSTR-3B quarterly
-- (QRMP) and furnish the first two months' B2B invoices through IFF; above ₹5 crore it files
-- monthly and its invoices need six-digit HSN codes (four below). Filed periods may now be a
-- quarter (`2026-Q3`) or an IFF month.

ALTER TABLE organisations ADD COLUMN quarterly_returns BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE organisations ADD COLUMN turnover_above_5_crore BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE filed_periods DROP CONSTRAINT filed_periods_return_type_check;
ALTER TABLE filed_periods ADD CONSTRAINT filed_periods_return_type_check
    CHECK (return_type IN ('gstr-1', 'gstr-3b', 'iff'));
