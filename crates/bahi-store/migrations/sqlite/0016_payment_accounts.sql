-- Which cash or bank account a payment went into or came out of (a business with several bank
-- accounts says which). NULL on payments recorded before: their mode decides (cash in hand for
-- cash, the gateway's clearing account for gateway payments, the bank account otherwise).
ALTER TABLE payments ADD COLUMN account_id BLOB REFERENCES accounts (id);
