-- One 3-line invoice created and issued as raw SQL: the same statements, in the same order,
-- that bahi runs for POST /invoices with "issue": true (authentication, the reads that check
-- the request, then one transaction: filed-period check, document, lines, counter, issue, audit
-- chain). pgbench -M prepared (as bahi prepares its statements) -D orgs=1 for one busy business,
-- orgs=32 across 32.
\set o random(1, :orgs)
SELECT org, customer, item1, item2, item3 FROM bench_orgs WHERE n = :o \gset
SELECT t.id, t.user_id, t.last_used_at, u.email, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) LIMIT 1 \gset tok_
SELECT o.id, o.legal_name, m.role FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE m.org_id = :org AND m.user_id = :tok_user_id;
SELECT * FROM organisations WHERE id = :org;
SELECT * FROM parties WHERE org_id = :org AND id = :customer;
SELECT * FROM items WHERE org_id = :org AND id IN (:item1, :item2, :item3);
SELECT * FROM number_series WHERE org_id = :org AND (series = 'INV' OR prefix = 'INV');
BEGIN;
SELECT * FROM filed_periods WHERE org_id = :org AND period = '2026-10' AND return_type IN ('gstr-1', 'gstr-3b') LIMIT 1;
INSERT INTO sales_documents (id, org_id, kind, status, series, number, financial_year, date, due_date,
  customer_id, buyer_name, buyer_registration, buyer_gstin, buyer_state_code, buyer_address, buyer_country,
  place_of_supply, supply_type, inter_state, with_payment, deemed_export, reverse_charge,
  shipping_bill_no, shipping_bill_date, port_code, original_id, reason, notes,
  taxable_value, cgst, sgst, igst, cess, round_off, total, amount_paid, amount_credited,
  void_reason, created_by, issued_at, voided_at, created_at, updated_at)
VALUES (gen_random_uuid(), :org, 'invoice', 'draft', 'INV', NULL, NULL, '2026-10-05', NULL,
  :customer, 'Chola Computers', 'regular', '29AABCS1429B1ZQ', '29', NULL, NULL,
  '29', 'b2b', false, false, false, false, NULL, NULL, NULL, NULL, NULL, NULL,
  451416, 40627, 40627, 0, 0, 30, 532700, 0, 0, NULL, :tok_user_id, NULL, NULL, now(), now())
RETURNING id AS doc \gset
INSERT INTO sales_lines VALUES (:doc, 0, :org, :item1, 'Laptop stand', '8473', 2000, 'NOS', 33333, 0, 1800, 0, 'taxable', 66666, 6000, 6000, 0, 0, 78666),
  (:doc, 1, :org, :item2, 'USB cable', '8544', 1000, 'NOS', 9900, 0, 1800, 0, 'taxable', 9900, 891, 891, 0, 0, 11682),
  (:doc, 2, :org, :item3, 'Keyboard', '8471', 3000, 'NOS', 124950, 0, 1800, 0, 'taxable', 374850, 33736, 33736, 0, 0, 442322);
INSERT INTO document_counters (org_id, series, financial_year, last_number) VALUES (:org, 'INV', 2026, 1)
  ON CONFLICT (org_id, series, financial_year) DO UPDATE SET last_number = document_counters.last_number + 1
  RETURNING last_number \gset
UPDATE sales_documents SET status = 'issued', kind = 'invoice', series = 'INV', number = 'INV/26-27/' || lpad(CAST(:last_number AS text), greatest(4, length(CAST(:last_number AS text))), '0'),
  financial_year = 2026, issued_at = now(), updated_at = now() WHERE org_id = :org AND id = :doc AND status = 'draft';
INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES (:org, 1, repeat('0', 64))
  ON CONFLICT (chain) DO UPDATE SET last_seq = audit_chains.last_seq + 1 RETURNING last_seq, last_hash \gset
INSERT INTO audit_events (id, chain, seq, org_id, at, actor_user_id, actor_email, action, entity_type, entity_id, summary, ip, prev_hash, hash, key_id, details)
VALUES (gen_random_uuid(), :org, :last_seq, :org, now(), :tok_user_id, 'bench@example.com', 'invoice.issue', 'invoice', :doc,
  'bench@example.com issued the invoice', '127.0.0.1', :last_hash, md5(random()::text) || md5(random()::text), 'k1', '{"number":"x"}');
UPDATE audit_chains SET last_hash = md5(random()::text) || md5(random()::text), key_id = 'k1', mac = md5(random()::text) WHERE chain = :org;
COMMIT;
