//! The documents a return period holds (GST.md §7–§8): sales documents issued or voided in it
//! (drafts never) with their lines and, for notes, the invoices they correct; purchase bills
//! recorded or voided in it with their lines. Each is one query per table, in the order the
//! returns list them.

use time::Date;

use crate::exec::{Executor, on_conn};
use crate::identity::OrgId;
use crate::purchases::bills::{Bill, BillLine};
use crate::row::Fields;
use crate::sales::documents::{SalesDocument, SalesLine};
use crate::{StoreError, Table};

/// Sales documents dated `from` to `to` (inclusive) that were issued (and perhaps voided since),
/// by date and number.
pub async fn sales(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<SalesDocument>, StoreError> {
    let sql = SalesDocument::select(
        "WHERE org_id = $1 AND status <> 'draft' AND date >= $2 AND date <= $3 \
         ORDER BY date, number",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}

/// The lines of [`sales`]' documents, by document and position.
pub async fn sales_lines(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<SalesLine>, StoreError> {
    let sql = format!(
        "SELECT {} FROM sales_lines l JOIN sales_documents d ON d.id = l.document_id \
         WHERE d.org_id = $1 AND l.org_id = $1 AND d.status <> 'draft' AND d.date >= $2 \
         AND d.date <= $3 ORDER BY l.document_id, l.position",
        SalesLine::columns_of("l")
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}

/// The invoices that the period's notes correct (they may be dated in an earlier period).
pub async fn noted_invoices(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<SalesDocument>, StoreError> {
    let sql = SalesDocument::select(
        "WHERE org_id = $1 AND id IN (SELECT original_id FROM sales_documents \
         WHERE org_id = $1 AND original_id IS NOT NULL AND status <> 'draft' \
         AND date >= $2 AND date <= $3)",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}

/// The lines of [`noted_invoices`], by invoice and position.
pub async fn noted_invoice_lines(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<SalesLine>, StoreError> {
    let sql = SalesLine::select(
        "WHERE org_id = $1 AND document_id IN (SELECT original_id FROM sales_documents \
         WHERE org_id = $1 AND original_id IS NOT NULL AND status <> 'draft' \
         AND date >= $2 AND date <= $3) ORDER BY document_id, position",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}

/// Purchase bills dated `from` to `to`, recorded or voided, by date.
pub async fn bills(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<Bill>, StoreError> {
    let sql = Bill::select("WHERE org_id = $1 AND date >= $2 AND date <= $3 ORDER BY date, id");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}

/// The lines of [`bills`]' bills, by bill and position.
pub async fn bill_lines(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<BillLine>, StoreError> {
    let sql = format!(
        "SELECT {} FROM purchase_lines l JOIN purchase_bills b ON b.id = l.bill_id \
         WHERE b.org_id = $1 AND l.org_id = $1 AND b.date >= $2 AND b.date <= $3 \
         ORDER BY l.bill_id, l.position",
        BillLine::columns_of("l")
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(from).bind(to).fetch_all(&mut *c).await)?,
    )
}
