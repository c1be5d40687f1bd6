//! What the reports read: sums per account from `ledger_days` (a trial balance over years of
//! postings reads a few rows per account and day, not every line), an account's or a party's
//! lines a page at a time with the balance before them, and the documents still owed (ageing).

use bahi_gst::Paise;
use time::Date;

use super::{AccountId, JournalId, JournalKind, Source};
use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::masters::PartyId;
use crate::{StoreError, column::Column};

/// One account's sums, debit positive: before the financial year `from` falls in (`prior`),
/// from the year's start to the day before `from` (`earlier_this_year`), and the debits and
/// credits from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountSums {
    pub account_id: AccountId,
    pub prior: Paise,
    pub earlier_this_year: Paise,
    pub debit: Paise,
    pub credit: Paise,
}

/// Every account with postings up to `to`, summed from the days.
pub async fn account_sums(
    mut ex: impl Executor,
    org: OrgId,
    year_start: Date,
    from: Date,
    to: Date,
) -> Result<Vec<AccountSums>, StoreError> {
    const SQL: &str = "SELECT account_id, \
        CAST(COALESCE(SUM(CASE WHEN day < $2 THEN debit - credit ELSE 0 END), 0) AS BIGINT), \
        CAST(COALESCE(SUM(CASE WHEN day >= $2 AND day < $3 THEN debit - credit ELSE 0 END), 0) AS BIGINT), \
        CAST(COALESCE(SUM(CASE WHEN day >= $3 THEN debit ELSE 0 END), 0) AS BIGINT), \
        CAST(COALESCE(SUM(CASE WHEN day >= $3 THEN credit ELSE 0 END), 0) AS BIGINT) \
        FROM ledger_days WHERE org_id = $1 AND day <= $4 GROUP BY account_id";
    let conn = ex.conn().await?;
    let rows: Vec<(uuid::Uuid, i64, i64, i64, i64)> = on_conn!(conn, c => sqlx::query_as(SQL)
        .bind(org.0).bind(year_start).bind(from).bind(to).fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .map(|(a, prior, earlier, debit, credit)| AccountSums {
            account_id: AccountId(a),
            prior: Paise::new(prior),
            earlier_this_year: Paise::new(earlier),
            debit: Paise::new(debit),
            credit: Paise::new(credit),
        })
        .collect())
}

/// Whose lines a ledger lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    Account(AccountId),
    /// A party's lines on any account (debtors, creditors, advances).
    Party(PartyId),
}

/// Where a page of a ledger ends: the last line shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    pub date: Date,
    pub journal_id: JournalId,
    pub position: i64,
}

/// A line of a ledger with its journal's particulars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at: LineAt,
    pub kind: JournalKind,
    pub number: Option<String>,
    pub narration: String,
    pub source: Option<Source>,
    pub source_id: Option<uuid::Uuid>,
    pub account_id: AccountId,
    pub account_name: String,
    pub party_id: Option<PartyId>,
    pub party_name: Option<String>,
    pub debit: Paise,
    pub credit: Paise,
}

type EntryRow = (
    Date,
    uuid::Uuid,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<uuid::Uuid>,
    uuid::Uuid,
    String,
    Option<uuid::Uuid>,
    Option<String>,
    i64,
    i64,
);

fn ledger_clause(ledger: Ledger) -> (&'static str, uuid::Uuid) {
    match ledger {
        Ledger::Account(a) => ("l.account_id", a.0),
        Ledger::Party(p) => ("l.party_id", p.0),
    }
}

/// Lines from `from` to `to` after `after`, in date order, at most `limit`.
pub async fn entries(
    mut ex: impl Executor,
    org: OrgId,
    ledger: Ledger,
    from: Date,
    to: Date,
    after: Option<LineAt>,
    limit: i64,
) -> Result<Vec<Entry>, StoreError> {
    let (column, id) = ledger_clause(ledger);
    let sql = format!(
        "SELECT l.date, l.journal_id, l.position, j.kind, j.number, j.narration, j.source, \
         j.source_id, l.account_id, a.name, l.party_id, p.name, l.debit, l.credit \
         FROM journal_lines l JOIN journals j ON j.id = l.journal_id \
         JOIN accounts a ON a.id = l.account_id \
         LEFT JOIN parties p ON p.id = l.party_id \
         WHERE l.org_id = $1 AND {column} = $2 AND l.date >= $3 AND l.date <= $4 \
         AND (l.date > $5 OR (l.date = $5 AND (l.journal_id > $6 \
              OR (l.journal_id = $6 AND l.position > $7)))) \
         ORDER BY l.date, l.journal_id, l.position LIMIT $8"
    );
    let after = after.unwrap_or(LineAt {
        date: from,
        journal_id: JournalId(uuid::Uuid::nil()),
        position: -1,
    });
    let conn = ex.conn().await?;
    let rows: Vec<EntryRow> = on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id)
        .bind(from).bind(to).bind(after.date).bind(after.journal_id.0).bind(after.position)
        .bind(limit).fetch_all(&mut *c).await)?;
    rows.into_iter().map(entry).collect()
}

fn entry(row: EntryRow) -> Result<Entry, StoreError> {
    let (date, journal, position, kind, number, narration, source, source_id) =
        (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7);
    let decode = |e: sqlx::error::BoxDynError| StoreError::Db(sqlx::Error::Decode(e));
    Ok(Entry {
        at: LineAt {
            date,
            journal_id: JournalId(journal),
            position,
        },
        kind: JournalKind::from_stored(kind).map_err(decode)?,
        number,
        narration,
        source: source
            .map(Source::from_stored)
            .transpose()
            .map_err(decode)?,
        source_id,
        account_id: AccountId(row.8),
        account_name: row.9,
        party_id: row.10.map(PartyId),
        party_name: row.11,
        debit: Paise::new(row.12),
        credit: Paise::new(row.13),
    })
}

/// The balance (debit positive) of a ledger before `date`, plus that day's lines up to and
/// including `through` when given (the balance a page that ends there carries forward).
pub async fn balance_before(
    mut ex: impl Executor,
    org: OrgId,
    ledger: Ledger,
    date: Date,
    through: Option<(JournalId, i64)>,
) -> Result<Paise, StoreError> {
    let (column, id) = ledger_clause(ledger);
    let before: i64 = match ledger {
        Ledger::Account(account) => {
            const DAYS: &str = "SELECT CAST(COALESCE(SUM(debit - credit), 0) AS BIGINT) \
                                FROM ledger_days WHERE org_id = $1 AND account_id = $2 AND day < $3";
            let conn = ex.conn().await?;
            on_conn!(conn, c => sqlx::query_scalar(DAYS).bind(org.0).bind(account.0).bind(date)
                .fetch_one(&mut *c).await)?
        }
        Ledger::Party(party) => {
            const LINES: &str = "SELECT CAST(COALESCE(SUM(debit - credit), 0) AS BIGINT) \
                                 FROM journal_lines WHERE org_id = $1 AND party_id = $2 AND date < $3";
            let conn = ex.conn().await?;
            on_conn!(conn, c => sqlx::query_scalar(LINES).bind(org.0).bind(party.0).bind(date)
                .fetch_one(&mut *c).await)?
        }
    };
    let Some((journal, position)) = through else {
        return Ok(Paise::new(before));
    };
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(l.debit - l.credit), 0) AS BIGINT) FROM journal_lines l \
         WHERE l.org_id = $1 AND {column} = $2 AND l.date = $3 \
         AND (l.journal_id < $4 OR (l.journal_id = $4 AND l.position <= $5))"
    );
    let conn = ex.conn().await?;
    let same_day: i64 = on_conn!(conn, c => sqlx::query_scalar(&sql).bind(org.0).bind(id)
        .bind(date).bind(journal.0).bind(position).fetch_one(&mut *c).await)?;
    Ok(Paise::new(before + same_day))
}

/// The sum of a ledger's lines (debit positive) from `from` to `to`.
pub async fn movement(
    mut ex: impl Executor,
    org: OrgId,
    ledger: Ledger,
    from: Date,
    to: Date,
) -> Result<Paise, StoreError> {
    let net: i64 = match ledger {
        Ledger::Account(account) => {
            const DAYS: &str = "SELECT CAST(COALESCE(SUM(debit - credit), 0) AS BIGINT) \
                                FROM ledger_days WHERE org_id = $1 AND account_id = $2 \
                                AND day >= $3 AND day <= $4";
            let conn = ex.conn().await?;
            on_conn!(conn, c => sqlx::query_scalar(DAYS).bind(org.0).bind(account.0).bind(from)
                .bind(to).fetch_one(&mut *c).await)?
        }
        Ledger::Party(party) => {
            const LINES: &str = "SELECT CAST(COALESCE(SUM(debit - credit), 0) AS BIGINT) \
                                 FROM journal_lines WHERE org_id = $1 AND party_id = $2 \
                                 AND date >= $3 AND date <= $4";
            let conn = ex.conn().await?;
            on_conn!(conn, c => sqlx::query_scalar(LINES).bind(org.0).bind(party.0).bind(from)
                .bind(to).fetch_one(&mut *c).await)?
        }
    };
    Ok(Paise::new(net))
}

/// Each party's name and balance on one account (debit positive) as at a date, by name: the
/// control accounts' sub-ledgers.
pub async fn party_balances(
    mut ex: impl Executor,
    org: OrgId,
    account: AccountId,
    as_of: Date,
) -> Result<Vec<(PartyId, String, Paise)>, StoreError> {
    const SQL: &str = "SELECT b.party_id, p.name, b.net FROM \
                       (SELECT party_id, CAST(SUM(debit - credit) AS BIGINT) AS net \
                        FROM journal_lines WHERE org_id = $1 AND account_id = $2 AND date <= $3 \
                        GROUP BY party_id) b \
                       JOIN parties p ON p.id = b.party_id WHERE b.net <> 0 ORDER BY p.name";
    let conn = ex.conn().await?;
    let rows: Vec<(uuid::Uuid, String, i64)> = on_conn!(conn, c => sqlx::query_as(SQL)
        .bind(org.0).bind(account.0).bind(as_of).fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .map(|(p, name, net)| (PartyId(p), name, Paise::new(net)))
        .collect())
}

/// Each party's balance (debit positive) on two accounts together (a control account and its
/// advances), as at a date.
pub async fn parties_on(
    mut ex: impl Executor,
    org: OrgId,
    accounts: [AccountId; 2],
    as_of: Date,
) -> Result<Vec<(PartyId, Paise)>, StoreError> {
    // No `party_id IS NOT NULL` in the condition: with it SQLite reads the party index and a
    // row per line; without it the account index alone (it holds the party and the amounts).
    const SQL: &str = "SELECT party_id, CAST(SUM(debit - credit) AS BIGINT) FROM journal_lines \
                       WHERE org_id = $1 AND account_id IN ($2, $3) AND date <= $4 \
                       GROUP BY party_id";
    let conn = ex.conn().await?;
    let rows: Vec<(Option<uuid::Uuid>, i64)> = on_conn!(conn, c => sqlx::query_as(SQL).bind(org.0)
        .bind(accounts[0].0).bind(accounts[1].0).bind(as_of).fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, net)| Some((PartyId(p?), Paise::new(net))))
        .collect())
}

/// The end of a day (UTC): a payment voided after it still counted that day.
fn end_of(day: Date) -> time::OffsetDateTime {
    day.next_day().unwrap_or(day).midnight().assume_utc()
}

/// Receivables or payables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owed {
    /// Invoices, bills of supply and debit notes, less what payments and credit notes dated up
    /// to the day took off.
    Receivables,
    /// Purchase bills, less what payments dated up to the day paid.
    Payables,
}

/// One party's outstanding documents as at a date, summed in four buckets by due date (the
/// document's date when it has none): due on or after `cuts[0]`, on or after `cuts[1]`, on or
/// after `cuts[2]`, and earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyOwed {
    pub party_id: PartyId,
    pub party_name: String,
    pub buckets: [Paise; 4],
    pub documents: i64,
}

/// Summed in the database, a row per party: a year of documents is a scan, not a transfer.
pub async fn owed(
    mut ex: impl Executor,
    org: OrgId,
    which: Owed,
    as_of: Date,
    cuts: [Date; 3],
) -> Result<Vec<PartyOwed>, StoreError> {
    // Only documents that can have something due on the day are read: those open now (a
    // partial index), and those a payment or credit note dated after the day closed. Any other
    // was closed by what was dated up to the day, so it owed nothing then either.
    //
    // A credit note larger than the balance left the rest with the customer, not on the
    // invoice: only what the invoice took (`amount_credited`) counts. A payment voided after
    // the day still counted on it. A document's credit notes are found by `original_id` alone
    // (they are the same business's): with the organisation in the condition SQLite scanned
    // the business's documents by date for each one. Nothing credited now, nothing credited
    // then: the credit notes are read only for documents that have one.
    const RECEIVABLES: &str = "SELECT d.customer_id AS party_id, \
        COALESCE(d.due_date, d.date) AS due, d.total \
        - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a \
            JOIN payments m ON m.id = a.payment_id WHERE a.invoice_id = d.id \
            AND m.date <= $2 AND (m.status = 'recorded' OR m.voided_at >= $3)), 0) \
        - CASE WHEN d.amount_credited = 0 THEN 0 ELSE \
            (SELECT CASE WHEN COALESCE(SUM(c.total), 0) < d.amount_credited \
                THEN COALESCE(SUM(c.total), 0) ELSE d.amount_credited END \
             FROM sales_documents c WHERE c.original_id = d.id AND c.kind = 'credit_note' \
             AND c.status = 'issued' AND c.date <= $2) END AS owed \
        FROM sales_documents d \
        WHERE d.org_id = $1 AND d.status = 'issued' \
        AND d.kind IN ('invoice', 'bill_of_supply', 'debit_note') AND d.date <= $2 \
        AND d.id IN (SELECT id FROM sales_documents WHERE org_id = $1 AND status = 'issued' \
                AND amount_paid + amount_credited < total \
            UNION SELECT a.invoice_id FROM payments m \
                JOIN payment_allocations a ON a.payment_id = m.id \
                WHERE m.org_id = $1 AND m.date > $2 AND a.invoice_id IS NOT NULL \
            UNION SELECT original_id FROM sales_documents WHERE org_id = $1 \
                AND kind = 'credit_note' AND status = 'issued' AND date > $2 \
                AND original_id IS NOT NULL)";
    const PAYABLES: &str = "SELECT b.vendor_id AS party_id, COALESCE(b.due_date, b.date) AS due, \
        b.total - COALESCE((SELECT SUM(a.amount) FROM payment_allocations a \
            JOIN payments m ON m.id = a.payment_id WHERE a.bill_id = b.id \
            AND m.date <= $2 AND (m.status = 'recorded' OR m.voided_at >= $3)), 0) AS owed \
        FROM purchase_bills b \
        WHERE b.org_id = $1 AND b.status = 'recorded' AND b.date <= $2 \
        AND b.id IN (SELECT id FROM purchase_bills WHERE org_id = $1 AND status = 'recorded' \
                AND amount_paid < total \
            UNION SELECT a.bill_id FROM payments m \
                JOIN payment_allocations a ON a.payment_id = m.id \
                WHERE m.org_id = $1 AND m.date > $2 AND a.bill_id IS NOT NULL)";
    let inner = match which {
        Owed::Receivables => RECEIVABLES,
        Owed::Payables => PAYABLES,
    };
    // Materialised: each document's amount owed is worked out once. Inlined, every bucket's
    // sum and the `owed > 0` test ran the document's subqueries again (15 a document, 30 s on
    // SQLite for 240,000 open invoices).
    let sql = format!(
        "WITH x AS MATERIALIZED ({inner}) \
         SELECT x.party_id, p.name, \
         CAST(SUM(CASE WHEN x.due >= $4 THEN x.owed ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN x.due < $4 AND x.due >= $5 THEN x.owed ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN x.due < $5 AND x.due >= $6 THEN x.owed ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN x.due < $6 THEN x.owed ELSE 0 END) AS BIGINT), \
         COUNT(*) \
         FROM x JOIN parties p ON p.id = x.party_id WHERE x.owed > 0 \
         GROUP BY x.party_id, p.name ORDER BY p.name, x.party_id"
    );
    type Row = (uuid::Uuid, String, i64, i64, i64, i64, i64);
    let conn = ex.conn().await?;
    let rows: Vec<Row> = on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(as_of)
        .bind(end_of(as_of)).bind(cuts[0]).bind(cuts[1]).bind(cuts[2])
        .fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .map(|(party, name, b0, b1, b2, b3, n)| PartyOwed {
            party_id: PartyId(party),
            party_name: name,
            buckets: [b0, b1, b2, b3].map(Paise::new),
            documents: n,
        })
        .collect())
}
