//! Return periods filed for GST (API.md, Returns): while a period is filed, nothing may be
//! issued, voided or dated into it.

use bahi_gst::Period;
use time::{Date, OffsetDateTime};

use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId, now};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FiledPeriod in "filed_periods" {
        pub org_id: OrgId,
        /// `gstr-1`, `gstr-3b` or `iff`.
        pub return_type: String,
        /// `YYYY-MM`, or `YYYY-Qn` for a quarterly return.
        pub period: String,
        pub filed_by: Option<UserId>,
        pub filed_at: OffsetDateTime,
    }
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

/// The first of `returns` (at most three) filed for a period `date` falls in — its month
/// (`2026-10`) or its quarter (`2026-Q4`) — if any.
pub async fn filed_for(
    mut ex: impl Executor,
    org: OrgId,
    date: Date,
    returns: &[&str],
) -> Result<Option<FiledPeriod>, StoreError> {
    let sql = FiledPeriod::select(
        "WHERE org_id = $1 AND period IN ($2, $3) AND return_type IN ($4, $5, $6) \
         ORDER BY return_type LIMIT 1",
    );
    let month = Period::of(date).to_string();
    let quarter = Period::quarter_of(date).to_string();
    let kind = |i: usize| {
        returns
            .get(i)
            .or(returns.first())
            .copied()
            .unwrap_or_default()
    };
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(&month).bind(&quarter)
        .bind(kind(0)).bind(kind(1)).bind(kind(2)).fetch_optional(&mut *c).await)?,
    )
}

/// The returns filed for any of `periods` (`YYYY-MM` or `YYYY-Qn`).
pub async fn filed_in(
    mut ex: impl Executor,
    org: OrgId,
    periods: &[String],
) -> Result<Vec<FiledPeriod>, StoreError> {
    let sql = FiledPeriod::select("WHERE org_id = $1 AND period = $2 ORDER BY return_type");
    let mut filed = Vec::new();
    for period in periods {
        let conn = ex.conn().await?;
        filed.extend(
            on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(period).fetch_all(&mut *c).await)?,
        );
    }
    Ok(filed)
}
