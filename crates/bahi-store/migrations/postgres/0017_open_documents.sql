-- The documents with something still due, for the receivables and payables ageing: on a busy
-- business nearly every invoice is paid, and the ageing reads only the open ones (and those a
-- later payment or credit note closed) instead of every invoice ever issued.
CREATE INDEX sales_documents_open_idx ON sales_documents (org_id, id)
    WHERE status = 'issued' AND amount_paid + amount_credited < total;
CREATE INDEX purchase_bills_open_idx ON purchase_bills (org_id, id)
    WHERE status = 'recorded' AND amount_paid < total;
