//! How an organisation numbers its series: a row per series it has set up (prefix, year style,
//! counter width). A series without a row is numbered the default way.

use bahi_gst::YearStyle;
use time::OffsetDateTime;

use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct NumberSeries in "number_series" {
        pub org_id: OrgId,
        pub series: String,
        pub prefix: String,
        pub year_style: YearStyle,
        pub width: i64,
        pub updated_at: OffsetDateTime,
    }
}

/// The series' own row, and any other series whose prefix is `series` itself (a series without
/// a row prints its name as the prefix, so such a pair would print the same numbers).
pub async fn for_series(
    mut ex: impl Executor,
    org: OrgId,
    series: &str,
) -> Result<Vec<NumberSeries>, StoreError> {
    let sql = NumberSeries::select("WHERE org_id = $1 AND (series = $2 OR prefix = $2)");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(series).fetch_all(&mut *c).await)?)
}

/// Every series an organisation has set up, by name.
pub async fn list(mut ex: impl Executor, org: OrgId) -> Result<Vec<NumberSeries>, StoreError> {
    let sql = NumberSeries::select("WHERE org_id = $1 ORDER BY series");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}

/// Every series that has numbered a document, by name.
pub async fn used(mut ex: impl Executor, org: OrgId) -> Result<Vec<String>, StoreError> {
    const SQL: &str =
        "SELECT DISTINCT series FROM document_counters WHERE org_id = $1 ORDER BY series";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).fetch_all(&mut *c).await)?)
}

/// Sets a series' format (a prefix another series has is a duplicate on `prefix`).
pub async fn save(tx: &mut WriteTx, row: &NumberSeries) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO number_series (org_id, series, prefix, year_style, width, updated_at) \
                       VALUES ($1, $2, $3, $4, $5, $6) \
                       ON CONFLICT (org_id, series) DO UPDATE SET prefix = excluded.prefix, \
                       year_style = excluded.year_style, width = excluded.width, \
                       updated_at = excluded.updated_at";
    use crate::column::Column;
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL)
        .bind(row.org_id.0).bind(&row.series).bind(&row.prefix)
        .bind(row.year_style.to_stored()).bind(row.width).bind(row.updated_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
