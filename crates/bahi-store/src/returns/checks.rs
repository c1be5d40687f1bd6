//! What to look at before filing (the checks on the returns page): documents in a period that
//! the portal would refuse or that a reviewer would question. Each query names at most
//! [`LIMIT`] documents, newest last.

use time::Date;

use crate::StoreError;
use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::row::row;
use crate::sales::{DocKind, DocumentId};

/// Documents a check names at most.
pub const LIMIT: i64 = 50;

row! {
    /// A document a check names.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Flagged {
        pub id: DocumentId,
        pub kind: DocKind,
        pub number: Option<String>,
        pub date: Date,
    }
}

async fn flagged(
    mut ex: impl Executor,
    sql: &str,
    org: OrgId,
    (from, to): (Date, Date),
    extra: Option<Date>,
) -> Result<Vec<Flagged>, StoreError> {
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => {
        let q = sqlx::query_as(sql).bind(org.0).bind(from).bind(to);
        let q = match extra { Some(d) => q.bind(d), None => q };
        q.fetch_all(&mut *c).await
    })?)
}

/// B2B and SEZ documents of the period whose customer has no GSTIN now (it was removed after
/// issue): the portal needs the recipient's GSTIN.
pub async fn b2b_without_gstin(
    ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<Flagged>, StoreError> {
    let sql = format!(
        "SELECT d.id, d.kind, d.number, d.date FROM sales_documents d \
         JOIN parties p ON p.id = d.customer_id \
         WHERE d.org_id = $1 AND d.date >= $2 AND d.date <= $3 AND d.status = 'issued' \
         AND d.supply_type IN ('b2b', 'sez') AND p.gstin IS NULL \
         ORDER BY d.date, d.id LIMIT {LIMIT}"
    );
    flagged(ex, &sql, org, (from, to), None).await
}

/// Documents of the period dated after `today`.
pub async fn future_dated(
    ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
    today: Date,
) -> Result<Vec<Flagged>, StoreError> {
    let sql = format!(
        "SELECT d.id, d.kind, d.number, d.date FROM sales_documents d \
         WHERE d.org_id = $1 AND d.date >= $2 AND d.date <= $3 AND d.status = 'issued' \
         AND d.date > $4 ORDER BY d.date, d.id LIMIT {LIMIT}"
    );
    flagged(ex, &sql, org, (from, to), Some(today)).await
}

/// Credit notes of the period whose invoice has been credited more than its value, all its
/// notes taken together.
pub async fn over_credited(
    ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<Flagged>, StoreError> {
    let sql = format!(
        "SELECT d.id, d.kind, d.number, d.date FROM sales_documents d \
         JOIN sales_documents o ON o.id = d.original_id \
         WHERE d.org_id = $1 AND d.date >= $2 AND d.date <= $3 AND d.status = 'issued' \
         AND d.kind = 'credit_note' \
         AND (SELECT COALESCE(SUM(n.total), 0) FROM sales_documents n \
              WHERE n.original_id = o.id AND n.kind = 'credit_note' AND n.status = 'issued') \
             > o.total \
         ORDER BY d.date, d.id LIMIT {LIMIT}"
    );
    flagged(ex, &sql, org, (from, to), None).await
}

/// Documents of the period with a line whose HSN code has fewer than `digits` digits; only
/// B2B and SEZ documents when `b2b_only` (Notification 78/2020: up to ₹5 crore of turnover
/// four digits on B2B invoices, above it six on every invoice).
pub async fn short_hsn(
    mut ex: impl Executor,
    org: OrgId,
    (from, to): (Date, Date),
    digits: i64,
    b2b_only: bool,
) -> Result<Vec<Flagged>, StoreError> {
    let which = if b2b_only {
        "AND d.supply_type IN ('b2b', 'sez') "
    } else {
        ""
    };
    let sql = format!(
        "SELECT d.id, d.kind, d.number, d.date FROM sales_documents d \
         WHERE d.org_id = $1 AND d.date >= $2 AND d.date <= $3 AND d.status = 'issued' {which}\
         AND EXISTS (SELECT 1 FROM sales_lines l \
                     WHERE l.document_id = d.id AND length(l.hsn_sac) < $4) \
         ORDER BY d.date, d.id LIMIT {LIMIT}"
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).bind(digits)
        .fetch_all(&mut *c).await)?,
    )
}
