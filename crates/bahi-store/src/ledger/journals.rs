//! Journals and their lines. [`post`] is the only way a journal is written: it refuses a date
//! in a closed year, writes the journal and its lines, checks the stored lines balance (the
//! database's own sums, in the same transaction), and moves each account's day in
//! `ledger_days`. Journals are never changed or deleted; a void posts a reversal.

use bahi_gst::Paise;
use bahi_gst::period::FinancialYear;
use time::{Date, OffsetDateTime};

use super::{AccountId, JournalId, JournalKind, Source};
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::masters::PartyId;
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Journal in "journals" {
        pub id: JournalId,
        pub org_id: OrgId,
        pub date: Date,
        pub kind: JournalKind,
        /// The voucher's number: the document's, or a manual voucher's own.
        pub number: Option<String>,
        pub narration: String,
        pub source: Option<Source>,
        pub source_id: Option<uuid::Uuid>,
        /// What posted it, once (`sale:<id>`, `payment:<id>:void` …); `None` on manual vouchers.
        pub origin: Option<String>,
        pub reverses_id: Option<JournalId>,
        /// The debits' sum, which the credits' equals.
        pub total: Paise,
        pub created_by: Option<UserId>,
        pub created_at: OffsetDateTime,
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct JournalLine in "journal_lines" {
        pub journal_id: JournalId,
        pub position: i64,
        pub org_id: OrgId,
        pub date: Date,
        pub account_id: AccountId,
        pub party_id: Option<PartyId>,
        pub debit: Paise,
        pub credit: Paise,
    }
}

/// Writes a journal and its lines; `Ok(false)` when its origin was posted before (nothing is
/// written). The lines carry the journal's id, organisation and date.
pub async fn post(
    tx: &mut WriteTx,
    journal: &Journal,
    lines: &[JournalLine],
) -> Result<bool, StoreError> {
    let org = journal.org_id;
    if let Some(origin) = &journal.origin
        && posted(&mut *tx, org, origin).await?
    {
        return Ok(false);
    }
    let year = FinancialYear::of(journal.date);
    if super::years::is_closed(&mut *tx, org, year).await? {
        return Err(StoreError::YearClosed {
            financial_year: year.start_year().into(),
        });
    }
    journal.insert(&mut *tx).await?;
    JournalLine::insert_all(lines, &mut *tx).await?;
    check_balanced(tx, journal).await?;
    move_days(tx, org, journal.date, lines).await?;
    Ok(true)
}

/// Writes many journals at once, for generated data (`bahi dev generate`): no closed-year or
/// origin check, the balance checked by the caller; the days moved once per account and day.
pub async fn post_many(
    tx: &mut WriteTx,
    journals: &[Journal],
    lines: &[JournalLine],
) -> Result<(), StoreError> {
    let Some(first) = journals.first() else {
        return Ok(());
    };
    Journal::insert_all(journals, &mut *tx).await?;
    JournalLine::insert_all(lines, &mut *tx).await?;
    let mut days: std::collections::BTreeMap<(AccountId, Date), (i64, i64)> = Default::default();
    for l in lines {
        let sums = days.entry((l.account_id, l.date)).or_default();
        sums.0 += l.debit.get();
        sums.1 += l.credit.get();
    }
    for ((account, day), (debit, credit)) in days {
        upsert_day(tx, first.org_id, account, day, debit, credit).await?;
    }
    Ok(())
}

async fn upsert_day(
    tx: &mut WriteTx,
    org: OrgId,
    account: AccountId,
    day: Date,
    debit: i64,
    credit: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO ledger_days (org_id, account_id, day, debit, credit) \
                       VALUES ($1, $2, $3, $4, $5) \
                       ON CONFLICT (org_id, account_id, day) DO UPDATE SET \
                       debit = ledger_days.debit + excluded.debit, \
                       credit = ledger_days.credit + excluded.credit";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(account.0).bind(day)
        .bind(debit).bind(credit).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

async fn posted(mut ex: impl Executor, org: OrgId, origin: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM journals WHERE org_id = $1 AND origin = $2";
    let conn = ex.conn().await?;
    let n: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).bind(origin)
        .fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

/// The database's sums of what was stored, not the caller's arithmetic.
async fn check_balanced(tx: &mut WriteTx, journal: &Journal) -> Result<(), StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(debit), 0) AS BIGINT), \
                       CAST(COALESCE(SUM(credit), 0) AS BIGINT) \
                       FROM journal_lines WHERE org_id = $1 AND journal_id = $2";
    let conn = tx.conn().await?;
    let (debit, credit): (i64, i64) = on_conn!(conn, c => sqlx::query_as(SQL)
        .bind(journal.org_id.0).bind(journal.id.0).fetch_one(&mut *c).await)?;
    if debit != credit || debit != journal.total.get() {
        return Err(StoreError::Unbalanced {
            journal: journal.id.0,
            debit,
            credit,
        });
    }
    Ok(())
}

/// Adds the lines to their accounts' day, one row per account, in account order (so two
/// transactions touching the same accounts on PostgreSQL lock them in the same order).
async fn move_days(
    tx: &mut WriteTx,
    org: OrgId,
    day: Date,
    lines: &[JournalLine],
) -> Result<(), StoreError> {
    let mut by_account: std::collections::BTreeMap<AccountId, (i64, i64)> = Default::default();
    for l in lines {
        let sums = by_account.entry(l.account_id).or_default();
        sums.0 += l.debit.get();
        sums.1 += l.credit.get();
    }
    for (account, (debit, credit)) in by_account {
        upsert_day(tx, org, account, day, debit, credit).await?;
    }
    Ok(())
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: JournalId,
) -> Result<Option<Journal>, StoreError> {
    let sql = Journal::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

/// The journal posted under an origin (an origin posts once).
pub async fn by_origin(
    mut ex: impl Executor,
    org: OrgId,
    origin: &str,
) -> Result<Option<Journal>, StoreError> {
    let sql = Journal::select("WHERE org_id = $1 AND origin = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(origin).fetch_optional(&mut *c).await)?,
    )
}

pub async fn lines(
    mut ex: impl Executor,
    org: OrgId,
    id: JournalId,
) -> Result<Vec<JournalLine>, StoreError> {
    let sql = JournalLine::select("WHERE org_id = $1 AND journal_id = $2 ORDER BY position");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_all(&mut *c).await)?)
}

/// The journals a document or payment posted, oldest first.
pub async fn of_source(
    mut ex: impl Executor,
    org: OrgId,
    source_id: uuid::Uuid,
) -> Result<Vec<Journal>, StoreError> {
    let sql = Journal::select("WHERE org_id = $1 AND source_id = $2 ORDER BY created_at, id");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(source_id).fetch_all(&mut *c).await)?,
    )
}

/// What a document's or payment's journals left on each account and party (debit positive):
/// a reversal posts the opposite.
pub async fn net_of_source(
    mut ex: impl Executor,
    org: OrgId,
    source_id: uuid::Uuid,
) -> Result<Vec<(AccountId, Option<PartyId>, Paise)>, StoreError> {
    const SQL: &str = "SELECT l.account_id, l.party_id, \
                       CAST(SUM(l.debit) - SUM(l.credit) AS BIGINT) \
                       FROM journal_lines l JOIN journals j ON j.id = l.journal_id \
                       WHERE j.org_id = $1 AND j.source_id = $2 \
                       GROUP BY l.account_id, l.party_id ORDER BY l.account_id, l.party_id";
    let conn = ex.conn().await?;
    let rows: Vec<(uuid::Uuid, Option<uuid::Uuid>, i64)> = on_conn!(conn, c => sqlx::query_as(SQL)
        .bind(org.0).bind(source_id).fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .map(|(a, p, net)| (AccountId(a), p.map(PartyId), Paise::new(net)))
        .collect())
}

/// Journals in date order, a page at a time (the day book): those after `after`.
pub async fn between(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
    after: Option<(Date, JournalId)>,
    limit: i64,
) -> Result<Vec<Journal>, StoreError> {
    let sql = Journal::select(
        "WHERE org_id = $1 AND date >= $2 AND date <= $3 \
         AND (date > $4 OR (date = $4 AND id > $5)) ORDER BY date, id LIMIT $6",
    );
    let (after_date, after_id) = after.unwrap_or((from, JournalId(uuid::Uuid::nil())));
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to)
        .bind(after_date).bind(after_id.0).bind(limit).fetch_all(&mut *c).await)?,
    )
}

/// The lines of several journals, by journal then position.
pub async fn lines_of(
    mut ex: impl Executor,
    org: OrgId,
    ids: &[JournalId],
) -> Result<Vec<JournalLine>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = JournalLine::select(&format!(
            "WHERE org_id = $1 AND journal_id IN ({}) ORDER BY journal_id, position",
            marks.join(", ")
        ));
        let conn = ex.conn().await?;
        let rows: Vec<JournalLine> = on_conn!(conn, c => {
            let mut q = sqlx::query_as(&sql).bind(org.0);
            for id in chunk {
                q = q.bind(id.0);
            }
            q.fetch_all(&mut *c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// Makes a journal's lines from (account, party, signed amount) entries: debit positive.
#[must_use]
pub fn lines_from(
    journal: &Journal,
    entries: &[(AccountId, Option<PartyId>, Paise)],
) -> Vec<JournalLine> {
    entries
        .iter()
        .filter(|(_, _, amount)| amount.get() != 0)
        .enumerate()
        .map(|(i, (account, party, amount))| JournalLine {
            journal_id: journal.id,
            position: i64::try_from(i).unwrap_or(i64::MAX),
            org_id: journal.org_id,
            date: journal.date,
            account_id: *account,
            party_id: *party,
            debit: Paise::new(amount.get().max(0)),
            credit: Paise::new((-amount.get()).max(0)),
        })
        .collect()
}
