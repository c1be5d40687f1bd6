-- What a business prints on its documents besides its name and address (issue 12): the bank
-- account buyers pay into, the terms under the totals and the authorised signatory's name.
-- Each is optional; a document leaves out what is not set.

ALTER TABLE organisations ADD COLUMN bank_name TEXT;
ALTER TABLE organisations ADD COLUMN bank_account_number TEXT;
ALTER TABLE organisations ADD COLUMN bank_ifsc TEXT;
ALTER TABLE organisations ADD COLUMN invoice_terms TEXT;
ALTER TABLE organisations ADD COLUMN signatory TEXT;
