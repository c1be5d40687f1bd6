//! Closed financial years: a closed year takes no postings until an owner reopens it.

use bahi_gst::period::FinancialYear;
use time::OffsetDateTime;

use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ClosedYear in "closed_years" {
        pub org_id: OrgId,
        /// The calendar year the April–March year starts in.
        pub financial_year: i64,
        pub closed_by: Option<UserId>,
        pub closed_at: OffsetDateTime,
    }
}

pub async fn is_closed(
    mut ex: impl Executor,
    org: OrgId,
    year: FinancialYear,
) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM closed_years WHERE org_id = $1 AND financial_year = $2";
    let conn = ex.conn().await?;
    let n: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0)
        .bind(i64::from(year.start_year())).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

/// Closes a year; a year closed already is a duplicate of `financial_year`.
pub async fn close(tx: &mut WriteTx, closed: &ClosedYear) -> Result<(), StoreError> {
    closed.insert(tx).await
}

/// Reopens a year; false when it was not closed.
pub async fn reopen(tx: &mut WriteTx, org: OrgId, year: FinancialYear) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM closed_years WHERE org_id = $1 AND financial_year = $2";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0)
        .bind(i64::from(year.start_year())).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The closed years, latest first.
pub async fn list(mut ex: impl Executor, org: OrgId) -> Result<Vec<ClosedYear>, StoreError> {
    let sql = ClosedYear::select("WHERE org_id = $1 ORDER BY financial_year DESC");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}
