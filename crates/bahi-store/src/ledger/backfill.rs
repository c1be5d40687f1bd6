//! What the back-fill of the books reads (across every organisation: it is a data migration)
//! and the checks `bahi migrate verify` runs on the books.

use crate::StoreError;
use crate::exec::{Executor, on_conn};

/// What has no journal yet: issued or void sales documents, bills and payments of some value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unposted {
    Sales,
    Bills,
    Payments,
}

impl Unposted {
    fn rows(self) -> &'static str {
        match self {
            Self::Sales => {
                "FROM sales_documents d WHERE d.status IN ('issued', 'void') AND d.total > 0 \
                 AND NOT EXISTS (SELECT 1 FROM journals j WHERE j.org_id = d.org_id AND j.source_id = d.id)"
            }
            Self::Bills => {
                "FROM purchase_bills d WHERE (d.total > 0 OR d.cgst + d.sgst + d.igst + d.cess > 0) \
                 AND NOT EXISTS (SELECT 1 FROM journals j WHERE j.org_id = d.org_id AND j.source_id = d.id)"
            }
            Self::Payments => {
                "FROM payments d WHERE NOT EXISTS \
                 (SELECT 1 FROM journals j WHERE j.org_id = d.org_id AND j.source_id = d.id)"
            }
        }
    }
}

pub async fn count(mut ex: impl Executor, what: Unposted) -> Result<u64, StoreError> {
    let sql = format!("SELECT COUNT(*) {}", what.rows());
    let conn = ex.conn().await?;
    let n: i64 = on_conn!(conn, c => sqlx::query_scalar(&sql).fetch_one(&mut *c).await)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The next `limit` of them: (organisation, id), in id order.
pub async fn next(
    mut ex: impl Executor,
    what: Unposted,
    limit: i64,
) -> Result<Vec<(uuid::Uuid, uuid::Uuid)>, StoreError> {
    let sql = format!(
        "SELECT d.org_id, d.id {} ORDER BY d.id LIMIT $1",
        what.rows()
    );
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(limit).fetch_all(&mut *c).await)?)
}

/// Organisations whose books are not opened (no chart).
pub async fn orgs_without_books(mut ex: impl Executor) -> Result<Vec<uuid::Uuid>, StoreError> {
    const SQL: &str = "SELECT o.id FROM organisations o WHERE NOT EXISTS \
                       (SELECT 1 FROM accounts a WHERE a.org_id = o.id) ORDER BY o.id";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_all(&mut *c).await)?)
}

/// Journals whose lines do not sum to zero, or to their total.
pub async fn unbalanced_journals(mut ex: impl Executor) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM journals j WHERE j.total <> \
        (SELECT COALESCE(SUM(l.debit), 0) FROM journal_lines l WHERE l.journal_id = j.id) \
        OR j.total <> (SELECT COALESCE(SUM(l.credit), 0) FROM journal_lines l WHERE l.journal_id = j.id)";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_one(&mut *c).await)?)
}

/// Organisations whose debits and credits differ (their trial balance would not balance).
pub async fn unbalanced_books(mut ex: impl Executor) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM (SELECT org_id FROM ledger_days GROUP BY org_id \
                       HAVING SUM(debit) <> SUM(credit)) t";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_one(&mut *c).await)?)
}

/// Account days whose sums differ from their lines' (either way round).
pub async fn days_out_of_step(mut ex: impl Executor) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM ( \
        SELECT org_id, account_id, date AS day, SUM(debit) AS debit, SUM(credit) AS credit \
        FROM journal_lines GROUP BY org_id, account_id, date) l \
        FULL OUTER JOIN ledger_days d \
        ON d.org_id = l.org_id AND d.account_id = l.account_id AND d.day = l.day \
        WHERE l.org_id IS NULL OR d.org_id IS NULL OR d.debit <> l.debit OR d.credit <> l.credit";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).fetch_one(&mut *c).await)?)
}
