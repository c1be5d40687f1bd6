//! Return periods filed for GST (API.md, Returns): while a period is filed, nothing may be
//! issued, voided or dated into it.

use time::{Date, OffsetDateTime};

use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId, now};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FiledPeriod in "filed_periods" {
        pub org_id: OrgId,
        /// `gstr-1` or `gstr-3b`.
        pub return_type: String,
        /// `YYYY-MM`.
        pub period: String,
        pub filed_by: Option<UserId>,
        pub filed_at: OffsetDateTime,
    }
}

/// `2026-10-05` → `2026-10`.
#[must_use]
pub fn period_of(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), u8::from(date.month()))
}

/// Marks a return period filed. Filing it again is [`StoreError::Duplicate`] on `period`.
pub async fn file(
    tx: &mut WriteTx,
    org: OrgId,
    return_type: &str,
    period: &str,
    by: Option<UserId>,
) -> Result<FiledPeriod, StoreError> {
    let filed = FiledPeriod {
        org_id: org,
        return_type: return_type.to_owned(),
        period: period.to_owned(),
        filed_by: by,
        filed_at: now(),
    };
    filed.insert(tx).await?;
    Ok(filed)
}

/// Reopens a filed period; false when it was not filed.
pub async fn reopen(
    tx: &mut WriteTx,
    org: OrgId,
    return_type: &str,
    period: &str,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "DELETE FROM filed_periods WHERE org_id = $1 AND return_type = $2 AND period = $3";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(return_type).bind(period)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The first of `returns` filed for the period `date` falls in, if any.
pub async fn filed_for(
    mut ex: impl Executor,
    org: OrgId,
    date: Date,
    returns: &[&str],
) -> Result<Option<FiledPeriod>, StoreError> {
    let sql = FiledPeriod::select(
        "WHERE org_id = $1 AND period = $2 AND return_type IN ($3, $4) \
         ORDER BY return_type LIMIT 1",
    );
    let first = returns.first().copied().unwrap_or_default();
    let second = returns.get(1).copied().unwrap_or(first);
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(period_of(date))
        .bind(first).bind(second).fetch_optional(&mut *c).await)?,
    )
}

/// The returns filed for `period` (`YYYY-MM`).
pub async fn filed_in(
    mut ex: impl Executor,
    org: OrgId,
    period: &str,
) -> Result<Vec<FiledPeriod>, StoreError> {
    let sql = FiledPeriod::select("WHERE org_id = $1 AND period = $2 ORDER BY return_type");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(period).fetch_all(&mut *c).await)?)
}
