//! Every unique key of the schema (primary keys included), with the request field it stands
//! for. A violation is looked up here by constraint name (PostgreSQL) or by table and columns
//! (SQLite), so a duplicate reaches the user as a 409 naming the field, the same way for every
//! table. `tests/keys.rs` fails when an index in either migration folder is missing here.

/// A unique index or primary key, and the field a duplicate is reported on.
#[derive(Debug, PartialEq, Eq)]
pub struct UniqueKey {
    /// The index or constraint name (PostgreSQL's name for a primary key is `<table>_pkey`).
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static [&'static str],
    /// The field of a request that holds the duplicate value.
    pub field: &'static str,
}

const fn key(
    name: &'static str,
    table: &'static str,
    columns: &'static [&'static str],
    field: &'static str,
) -> UniqueKey {
    UniqueKey {
        name,
        table,
        columns,
        field,
    }
}

pub const USERS_PKEY: UniqueKey = key("users_pkey", "users", &["id"], "id");
pub const USERS_EMAIL: UniqueKey = key("users_email_key", "users", &["email"], "email");
pub const ORGANISATIONS_PKEY: UniqueKey = key("organisations_pkey", "organisations", &["id"], "id");
pub const MEMBERSHIPS_PKEY: UniqueKey = key(
    "memberships_pkey",
    "memberships",
    &["org_id", "user_id"],
    "email",
);
pub const SESSIONS_PKEY: UniqueKey = key("sessions_pkey", "sessions", &["id_hash"], "session");
pub const API_TOKENS_PKEY: UniqueKey = key("api_tokens_pkey", "api_tokens", &["id"], "id");
pub const API_TOKENS_HASH: UniqueKey = key(
    "api_tokens_hash_key",
    "api_tokens",
    &["token_hash"],
    "token",
);
pub const INVITATIONS_PKEY: UniqueKey = key("invitations_pkey", "invitations", &["id"], "id");
pub const INVITATIONS_TOKEN: UniqueKey = key(
    "invitations_token_key",
    "invitations",
    &["token_hash"],
    "token",
);
/// One open invitation per address and organisation.
pub const INVITATIONS_OPEN_EMAIL: UniqueKey = key(
    "invitations_open_email_key",
    "invitations",
    &["org_id", "email"],
    "email",
);
pub const AUDIT_EVENTS_PKEY: UniqueKey = key("audit_events_pkey", "audit_events", &["id"], "id");
pub const AUDIT_EVENTS_CHAIN_SEQ: UniqueKey = key(
    "audit_events_chain_seq_key",
    "audit_events",
    &["chain", "seq"],
    "seq",
);
pub const AUDIT_CHAINS_PKEY: UniqueKey =
    key("audit_chains_pkey", "audit_chains", &["chain"], "chain");
pub const AUDIT_CHECKPOINTS_PKEY: UniqueKey = key(
    "audit_checkpoints_pkey",
    "audit_checkpoints",
    &["chain", "seq"],
    "seq",
);
pub const PARTIES_PKEY: UniqueKey = key("parties_pkey", "parties", &["id"], "id");
/// One live party per GSTIN and organisation.
pub const PARTIES_GSTIN: UniqueKey = key(
    "parties_org_gstin_key",
    "parties",
    &["org_id", "gstin"],
    "gstin",
);
pub const ITEMS_PKEY: UniqueKey = key("items_pkey", "items", &["id"], "id");
/// One live item per name (in any case) and organisation.
pub const ITEMS_NAME: UniqueKey = key(
    "items_org_name_key",
    "items",
    &["org_id", "search_name"],
    "name",
);
pub const DOCUMENT_COUNTERS_PKEY: UniqueKey = key(
    "document_counters_pkey",
    "document_counters",
    &["org_id", "series", "financial_year"],
    "series",
);
pub const NUMBER_SERIES_PKEY: UniqueKey = key(
    "number_series_pkey",
    "number_series",
    &["org_id", "series"],
    "series",
);
/// Two series printing the same prefix could print the same number.
pub const NUMBER_SERIES_PREFIX: UniqueKey = key(
    "number_series_prefix_key",
    "number_series",
    &["org_id", "prefix"],
    "prefix",
);
pub const SALES_DOCUMENTS_PKEY: UniqueKey =
    key("sales_documents_pkey", "sales_documents", &["id"], "id");
/// One document per number and organisation (the number carries the series and year).
pub const SALES_DOCUMENTS_NUMBER: UniqueKey = key(
    "sales_documents_org_number_key",
    "sales_documents",
    &["org_id", "number"],
    "number",
);
pub const SALES_LINES_PKEY: UniqueKey = key(
    "sales_lines_pkey",
    "sales_lines",
    &["document_id", "position"],
    "lines",
);
pub const FILED_PERIODS_PKEY: UniqueKey = key(
    "filed_periods_pkey",
    "filed_periods",
    &["org_id", "return_type", "period"],
    "period",
);
pub const IDEMPOTENCY_KEYS_PKEY: UniqueKey = key(
    "idempotency_keys_pkey",
    "idempotency_keys",
    &["org_id", "request_key"],
    "Idempotency-Key",
);
pub const PURCHASE_BILLS_PKEY: UniqueKey =
    key("purchase_bills_pkey", "purchase_bills", &["id"], "id");
/// One live bill per vendor, number and financial year.
pub const PURCHASE_BILLS_VENDOR_NUMBER: UniqueKey = key(
    "purchase_bills_vendor_number_key",
    "purchase_bills",
    &[
        "org_id",
        "vendor_id",
        "financial_year",
        "vendor_invoice_number",
    ],
    "vendor_invoice_number",
);
/// A self-invoice's number is taken once.
pub const PURCHASE_BILLS_SELF_INVOICE: UniqueKey = key(
    "purchase_bills_self_invoice_key",
    "purchase_bills",
    &["org_id", "self_invoice_number"],
    "self_invoice_number",
);
pub const ORG_LOGOS_PKEY: UniqueKey = key("org_logos_pkey", "org_logos", &["org_id"], "logo");
pub const PURCHASE_LINES_PKEY: UniqueKey = key(
    "purchase_lines_pkey",
    "purchase_lines",
    &["bill_id", "position"],
    "lines",
);
pub const PAYMENTS_PKEY: UniqueKey = key("payments_pkey", "payments", &["id"], "id");
pub const PAYMENT_ALLOCATIONS_PKEY: UniqueKey = key(
    "payment_allocations_pkey",
    "payment_allocations",
    &["payment_id", "position"],
    "allocations",
);
pub const DATA_MIGRATIONS_PKEY: UniqueKey =
    key("data_migrations_pkey", "data_migrations", &["id"], "id");

pub const OUTBOX_PKEY: UniqueKey = key("outbox_pkey", "outbox", &["id"], "id");
/// One message per thing it is for (an invoice's reminder step, say): a second enqueue is a no-op.
pub const OUTBOX_IDEMPOTENCY_KEY: UniqueKey = key(
    "outbox_idempotency_key",
    "outbox",
    &["idempotency_key"],
    "idempotency_key",
);
pub const PASSWORD_RESETS_PKEY: UniqueKey = key(
    "password_resets_pkey",
    "password_resets",
    &["token_hash"],
    "token",
);

pub const TWO_FACTOR_PKEY: UniqueKey = key("two_factor_pkey", "two_factor", &["user_id"], "user");
pub const RECOVERY_CODES_PKEY: UniqueKey = key(
    "recovery_codes_pkey",
    "recovery_codes",
    &["user_id", "code_hash"],
    "code",
);
pub const LOGIN_CHALLENGES_PKEY: UniqueKey = key(
    "login_challenges_pkey",
    "login_challenges",
    &["token_hash"],
    "challenge",
);

pub const INTEGRATIONS_PKEY: UniqueKey = key(
    "integrations_pkey",
    "integrations",
    &["org_id", "provider"],
    "provider",
);
pub const PUBLIC_LINKS_PKEY: UniqueKey = key("public_links_pkey", "public_links", &["id"], "id");
pub const CHECKOUT_LINKS_PKEY: UniqueKey = key(
    "checkout_links_pkey",
    "checkout_links",
    &["org_id", "provider", "provider_ref"],
    "provider_ref",
);
pub const GATEWAY_EVENTS_PKEY: UniqueKey =
    key("gateway_events_pkey", "gateway_events", &["id"], "id");
/// A gateway's event is kept once, however often it is delivered.
pub const GATEWAY_EVENTS_EVENT: UniqueKey = key(
    "gateway_events_event_key",
    "gateway_events",
    &["org_id", "provider", "event_id"],
    "event_id",
);
/// A gateway's payment is recorded once, whichever events report it.
pub const PAYMENTS_GATEWAY_REF: UniqueKey = key(
    "payments_gateway_ref_key",
    "payments",
    &["org_id", "gateway_ref"],
    "gateway_ref",
);

pub const ACCOUNT_GROUPS_PKEY: UniqueKey =
    key("account_groups_pkey", "account_groups", &["id"], "id");
pub const ACCOUNT_GROUPS_CODE: UniqueKey = key(
    "account_groups_code_key",
    "account_groups",
    &["org_id", "code"],
    "code",
);
pub const ACCOUNT_GROUPS_NAME: UniqueKey = key(
    "account_groups_name_key",
    "account_groups",
    &["org_id", "name"],
    "name",
);
/// The groups of the default chart are made once per business.
pub const ACCOUNT_GROUPS_SYSTEM: UniqueKey = key(
    "account_groups_system_key",
    "account_groups",
    &["org_id", "system_key"],
    "system_key",
);
pub const ACCOUNTS_PKEY: UniqueKey = key("accounts_pkey", "accounts", &["id"], "id");
pub const ACCOUNTS_CODE: UniqueKey =
    key("accounts_code_key", "accounts", &["org_id", "code"], "code");
pub const ACCOUNTS_NAME: UniqueKey =
    key("accounts_name_key", "accounts", &["org_id", "name"], "name");
/// The accounts postings need are made once per business.
pub const ACCOUNTS_SYSTEM: UniqueKey = key(
    "accounts_system_key",
    "accounts",
    &["org_id", "system_key"],
    "system_key",
);
pub const JOURNALS_PKEY: UniqueKey = key("journals_pkey", "journals", &["id"], "id");
/// What posted a journal posts it once (the back-fill relies on it).
pub const JOURNALS_ORIGIN: UniqueKey = key(
    "journals_origin_key",
    "journals",
    &["org_id", "origin"],
    "origin",
);
pub const JOURNAL_LINES_PKEY: UniqueKey = key(
    "journal_lines_pkey",
    "journal_lines",
    &["journal_id", "position"],
    "lines",
);
pub const LEDGER_DAYS_PKEY: UniqueKey = key(
    "ledger_days_pkey",
    "ledger_days",
    &["org_id", "account_id", "day"],
    "day",
);
pub const CLOSED_YEARS_PKEY: UniqueKey = key(
    "closed_years_pkey",
    "closed_years",
    &["org_id", "financial_year"],
    "financial_year",
);

/// Every key of the schema.
pub const ALL: &[&UniqueKey] = &[
    &USERS_PKEY,
    &USERS_EMAIL,
    &ORGANISATIONS_PKEY,
    &MEMBERSHIPS_PKEY,
    &SESSIONS_PKEY,
    &API_TOKENS_PKEY,
    &API_TOKENS_HASH,
    &INVITATIONS_PKEY,
    &INVITATIONS_TOKEN,
    &INVITATIONS_OPEN_EMAIL,
    &AUDIT_EVENTS_PKEY,
    &AUDIT_EVENTS_CHAIN_SEQ,
    &AUDIT_CHAINS_PKEY,
    &AUDIT_CHECKPOINTS_PKEY,
    &PARTIES_PKEY,
    &PARTIES_GSTIN,
    &ITEMS_PKEY,
    &ITEMS_NAME,
    &DOCUMENT_COUNTERS_PKEY,
    &NUMBER_SERIES_PKEY,
    &NUMBER_SERIES_PREFIX,
    &SALES_DOCUMENTS_PKEY,
    &SALES_DOCUMENTS_NUMBER,
    &SALES_LINES_PKEY,
    &FILED_PERIODS_PKEY,
    &IDEMPOTENCY_KEYS_PKEY,
    &PURCHASE_BILLS_PKEY,
    &PURCHASE_BILLS_VENDOR_NUMBER,
    &PURCHASE_BILLS_SELF_INVOICE,
    &ORG_LOGOS_PKEY,
    &PURCHASE_LINES_PKEY,
    &PAYMENTS_PKEY,
    &PAYMENT_ALLOCATIONS_PKEY,
    &DATA_MIGRATIONS_PKEY,
    &OUTBOX_PKEY,
    &OUTBOX_IDEMPOTENCY_KEY,
    &PASSWORD_RESETS_PKEY,
    &TWO_FACTOR_PKEY,
    &RECOVERY_CODES_PKEY,
    &LOGIN_CHALLENGES_PKEY,
    &INTEGRATIONS_PKEY,
    &PUBLIC_LINKS_PKEY,
    &CHECKOUT_LINKS_PKEY,
    &GATEWAY_EVENTS_PKEY,
    &GATEWAY_EVENTS_EVENT,
    &PAYMENTS_GATEWAY_REF,
    &ACCOUNT_GROUPS_PKEY,
    &ACCOUNT_GROUPS_CODE,
    &ACCOUNT_GROUPS_NAME,
    &ACCOUNT_GROUPS_SYSTEM,
    &ACCOUNTS_PKEY,
    &ACCOUNTS_CODE,
    &ACCOUNTS_NAME,
    &ACCOUNTS_SYSTEM,
    &JOURNALS_PKEY,
    &JOURNALS_ORIGIN,
    &JOURNAL_LINES_PKEY,
    &LEDGER_DAYS_PKEY,
    &CLOSED_YEARS_PKEY,
];

/// Stands in for a key missing from [`ALL`]: reported as a conflict without a field.
pub const UNKNOWN: UniqueKey = key("", "", &[], "");

#[must_use]
pub fn by_name(name: &str) -> Option<&'static UniqueKey> {
    ALL.iter().copied().find(|k| k.name == name)
}

#[must_use]
pub fn by_columns(table: &str, columns: &[&str]) -> Option<&'static UniqueKey> {
    ALL.iter()
        .copied()
        .find(|k| k.table == table && k.columns == columns)
}
