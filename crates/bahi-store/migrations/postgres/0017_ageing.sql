-- The receivables and payables ageing on a busy business.
--
-- The documents with something still due: nearly every invoice gets paid, and the ageing reads
-- only the open ones (and those a later payment or credit note closed) instead of every
-- invoice ever issued.
CREATE INDEX sales_documents_open_idx ON sales_documents (org_id, id)
    WHERE status = 'issued' AND amount_paid + amount_credited < total;
CREATE INDEX purchase_bills_open_idx ON purchase_bills (org_id, id)
    WHERE status = 'recorded' AND amount_paid < total;

-- Each party's balance on the debtors, creditors and advances accounts is a sum over those
-- accounts' lines: with the party and the amounts in the account index the sum reads the index
-- alone, not a row per line. Ledgers read the same index in the same order as before.
DROP INDEX journal_lines_account_idx;
CREATE INDEX journal_lines_account_idx
    ON journal_lines (org_id, account_id, date, journal_id, position, party_id, debit, credit);
