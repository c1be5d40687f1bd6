//! Document numbers: one counter row per organisation, series and financial year, advanced in
//! the issuing transaction. A rolled-back issue gives its number back, so numbers are gapless;
//! the row lock (PostgreSQL) or the write lock (SQLite) makes concurrent issues take turns.

use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::{StoreError, WriteTx};

/// Takes the next number of a series in a financial year (1 for the first), in one statement.
/// Call it as late in the transaction as possible: from here to the commit, other issues in the
/// same series wait.
pub async fn take_next(
    tx: &mut WriteTx,
    org: OrgId,
    series: &str,
    financial_year: i32,
) -> Result<i64, StoreError> {
    const SQL: &str = "INSERT INTO document_counters (org_id, series, financial_year, last_number) \
                       VALUES ($1, $2, $3, 1) \
                       ON CONFLICT (org_id, series, financial_year) \
                       DO UPDATE SET last_number = document_counters.last_number + 1 \
                       RETURNING last_number";
    let conn = tx.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar::<_, i64>(SQL)
        .bind(org.0).bind(series).bind(i64::from(financial_year))
        .fetch_one(&mut *c).await)?)
}

/// The last number taken in a series and year (0 when none).
pub async fn last(
    mut ex: impl Executor,
    org: OrgId,
    series: &str,
    financial_year: i32,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT last_number FROM document_counters \
                       WHERE org_id = $1 AND series = $2 AND financial_year = $3";
    let conn = ex.conn().await?;
    let last: Option<i64> = on_conn!(conn, c => sqlx::query_scalar(SQL)
        .bind(org.0).bind(series).bind(i64::from(financial_year))
        .fetch_optional(&mut *c).await)?;
    Ok(last.unwrap_or(0))
}

/// Moves a series' counter up to `last` (never down), for documents numbered outside the
/// issuing path (`bahi dev generate` writes them in bulk).
pub async fn raise_to(
    tx: &mut WriteTx,
    org: OrgId,
    series: &str,
    financial_year: i32,
    last: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO document_counters (org_id, series, financial_year, last_number) \
                       VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (org_id, series, financial_year) \
                       DO UPDATE SET last_number = CASE WHEN document_counters.last_number > $4 \
                       THEN document_counters.last_number ELSE $4 END";
    if last <= 0 {
        return Ok(());
    }
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL)
        .bind(org.0).bind(series).bind(i64::from(financial_year)).bind(last)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
