//! Sales documents and their lines. A draft is written whole (header and lines) and may be
//! replaced or deleted; [`issue`] and [`void`] change only a document in the state they expect,
//! so two racing requests cannot both succeed.

use bahi_gst::{
    Gstin, HsnSac, Paise, Quantity, Rate, Registration, StateCode, SupplyType, Treatment,
};
use time::{Date, OffsetDateTime};

use super::{DocKind, DocStatus, DocumentId};
use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::masters::{ItemId, PartyId, like_escaped};
use crate::row::{Fields, Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SalesDocument in "sales_documents" {
        pub id: DocumentId,
        pub org_id: OrgId,
        pub kind: DocKind,
        pub status: DocStatus,
        pub series: String,
        /// Taken at issue.
        pub number: Option<String>,
        /// The financial year the number belongs to (its first calendar year), taken at issue.
        pub financial_year: Option<i64>,
        pub date: Date,
        pub due_date: Option<Date>,
        pub customer_id: PartyId,
        /// The buyer's particulars as the document shows them (copied again at issue).
        pub buyer_name: String,
        pub buyer_registration: Registration,
        pub buyer_gstin: Option<Gstin>,
        pub buyer_state_code: Option<StateCode>,
        pub buyer_address: Option<String>,
        pub buyer_country: Option<String>,
        pub place_of_supply: StateCode,
        pub supply_type: SupplyType,
        pub inter_state: bool,
        /// Zero-rated (SEZ, export) with payment of IGST, rather than under bond or LUT.
        pub with_payment: bool,
        pub deemed_export: bool,
        pub reverse_charge: bool,
        pub shipping_bill_no: Option<String>,
        pub shipping_bill_date: Option<Date>,
        pub port_code: Option<String>,
        /// The invoice a note corrects.
        pub original_id: Option<DocumentId>,
        /// Why a note was raised.
        pub reason: Option<String>,
        pub notes: Option<String>,
        pub taxable_value: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub igst: Paise,
        pub cess: Paise,
        pub round_off: Paise,
        pub total: Paise,
        pub amount_paid: Paise,
        /// What credit notes took off an invoice's balance.
        pub amount_credited: Paise,
        pub void_reason: Option<String>,
        pub created_by: Option<UserId>,
        pub issued_at: Option<OffsetDateTime>,
        pub voided_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
        /// Issued by a composition dealer (a bill of supply that says so).
        pub seller_composition: bool,
        /// The supplier as the document names it, copied from the organisation at issue (and
        /// with each change of a draft); `None` on documents issued before they were kept.
        pub seller_name: Option<String>,
        pub seller_trade_name: Option<String>,
        pub seller_gstin: Option<Gstin>,
        pub seller_address: Option<String>,
        pub seller_state_code: Option<StateCode>,
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct SalesLine in "sales_lines" {
        pub document_id: DocumentId,
        pub position: i64,
        pub org_id: OrgId,
        pub item_id: Option<ItemId>,
        pub description: String,
        pub hsn_sac: HsnSac,
        pub quantity: Quantity,
        pub unit: Option<String>,
        pub unit_price: Paise,
        pub discount: Paise,
        pub gst_rate: Rate,
        pub cess_rate: Rate,
        pub treatment: Treatment,
        pub taxable_value: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub igst: Paise,
        pub cess: Paise,
        pub total: Paise,
    }
}

impl SalesDocument {
    #[must_use]
    pub fn balance_due(&self) -> Paise {
        if self.status == DocStatus::Issued && self.kind != DocKind::CreditNote {
            Paise::new(self.total.get() - self.amount_paid.get() - self.amount_credited.get())
        } else {
            Paise::ZERO
        }
    }
}

/// Writes a new document and its lines.
pub async fn insert(
    tx: &mut WriteTx,
    doc: &SalesDocument,
    lines: &[SalesLine],
) -> Result<(), StoreError> {
    doc.insert(&mut *tx).await?;
    SalesLine::insert_all(lines, &mut *tx).await
}

/// Replaces a draft whole (header and lines); false when there is no such draft.
pub async fn replace_draft(
    tx: &mut WriteTx,
    doc: &SalesDocument,
    lines: &[SalesLine],
) -> Result<bool, StoreError> {
    if !delete_draft(tx, doc.org_id, doc.id).await? {
        return Ok(false);
    }
    insert(tx, doc, lines).await?;
    Ok(true)
}

/// Deletes a draft and its lines; false when there is no such draft.
pub async fn delete_draft(
    tx: &mut WriteTx,
    org: OrgId,
    id: DocumentId,
) -> Result<bool, StoreError> {
    const LINES: &str = "DELETE FROM sales_lines WHERE org_id = $1 AND document_id = $2";
    const DOC: &str =
        "DELETE FROM sales_documents WHERE org_id = $1 AND id = $2 AND status = 'draft'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => {
        sqlx::query(LINES).bind(org.0).bind(id.0).execute(&mut *c).await?;
        sqlx::query(DOC).bind(org.0).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: DocumentId,
) -> Result<Option<SalesDocument>, StoreError> {
    let sql = SalesDocument::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

/// The document's lines, in order.
pub async fn lines(
    mut ex: impl Executor,
    org: OrgId,
    id: DocumentId,
) -> Result<Vec<SalesLine>, StoreError> {
    let sql = SalesLine::select("WHERE org_id = $1 AND document_id = $2 ORDER BY position");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_all(&mut *c).await)?)
}

/// What issuing writes: the number and the buyer's particulars as of now.
#[derive(Debug, Clone)]
pub struct Issue<'a> {
    pub at: OffsetDateTime,
    pub kind: DocKind,
    pub series: &'a str,
    pub number: &'a str,
    pub financial_year: i32,
}

/// Marks a draft issued with its number; false when it is not a draft (any more).
pub async fn issue(
    tx: &mut WriteTx,
    org: OrgId,
    id: DocumentId,
    issue: &Issue<'_>,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE sales_documents SET status = 'issued', kind = $1, series = $2, \
                       number = $3, financial_year = $4, issued_at = $5, updated_at = $5 \
                       WHERE org_id = $6 AND id = $7 AND status = 'draft'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(issue.kind.to_stored()).bind(issue.series).bind(issue.number)
        .bind(i64::from(issue.financial_year)).bind(issue.at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Voids an issued document, keeping its number; false when it is not issued.
pub async fn void(
    tx: &mut WriteTx,
    org: OrgId,
    id: DocumentId,
    reason: &str,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE sales_documents SET status = 'void', void_reason = $1, \
                       voided_at = $2, updated_at = $2 \
                       WHERE org_id = $3 AND id = $4 AND status = 'issued'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(reason).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Takes `amount` off an issued invoice's balance (a credit note against it); false when less
/// than that is due.
pub async fn credit(
    tx: &mut WriteTx,
    org: OrgId,
    id: DocumentId,
    amount: Paise,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE sales_documents SET amount_credited = amount_credited + $1, \
                       updated_at = $2 WHERE org_id = $3 AND id = $4 AND status = 'issued' \
                       AND amount_paid + amount_credited + $1 <= total";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(amount.get()).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Whether any sales document names the party (then it may be archived, not deleted).
pub async fn party_is_used(
    mut ex: impl Executor,
    org: OrgId,
    party: PartyId,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "SELECT EXISTS (SELECT 1 FROM sales_documents WHERE org_id = $1 AND customer_id = $2)";
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).bind(party.0).fetch_one(&mut *c).await)?,
    )
}

/// Where a page of a date-sorted list starts: before this date and id (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Before {
    pub date: Date,
    pub id: DocumentId,
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct DocumentQuery {
    /// Invoices and bills of supply, or notes.
    pub notes: bool,
    pub status: Option<DocStatus>,
    pub customer: Option<PartyId>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The start of a number, or a part of the customer's name (any case).
    pub q: Option<String>,
    pub before: Option<Before>,
    pub limit: i64,
}

/// Documents newest first (by date, then by creation), a page at a time. Only the filters
/// asked for are in the query, so the index on (org_id, date, id) finds each page directly.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    query: &DocumentQuery,
) -> Result<Vec<SalesDocument>, StoreError> {
    use crate::filter::{Filter, Value, bind_all};
    let kinds = if query.notes {
        (DocKind::CreditNote, DocKind::DebitNote)
    } else {
        (DocKind::Invoice, DocKind::BillOfSupply)
    };
    let mut f = Filter::default();
    f.and("d.org_id = ?", [Value::Uuid(org.0)]);
    f.and(
        "d.kind IN (?, ?)",
        [kinds.0, kinds.1].map(|k| Value::Text(k.as_str().to_owned())),
    );
    if let Some(status) = query.status {
        f.and("d.status = ?", [Value::Text(status.as_str().to_owned())]);
    }
    if let Some(customer) = query.customer {
        f.and("d.customer_id = ?", [Value::Uuid(customer.0)]);
    }
    f.dates("d", query.from, query.to);
    let q = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if let Some(q) = q {
        f.and(
            "(d.number LIKE ? ESCAPE '\\' OR d.customer_id IN \
             (SELECT id FROM parties WHERE org_id = ? AND search_name LIKE ? ESCAPE '\\'))",
            [
                Value::Text(format!("{}%", like_escaped(&q.to_ascii_uppercase()))),
                Value::Uuid(org.0),
                Value::Text(format!(
                    "%{}%",
                    like_escaped(&crate::masters::search_name(q))
                )),
            ],
        );
    }
    f.before("d", query.before.map(|b| (b.date, b.id.0)));
    let limit = f.placeholder(Value::Int(query.limit));
    let sql = format!(
        "SELECT {} FROM sales_documents d {} ORDER BY d.date DESC, d.id DESC LIMIT {limit}",
        SalesDocument::columns_of("d"),
        f.clause()
    );
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => bind_all!(sqlx::query_as(&sql), f.values()).fetch_all(&mut *c).await)?)
}

/// The issued (not voided) notes against an invoice, oldest first, with their lines.
pub async fn notes_of(
    mut ex: impl Executor,
    org: OrgId,
    invoice: DocumentId,
) -> Result<Vec<SalesDocument>, StoreError> {
    let sql = SalesDocument::select(
        "WHERE org_id = $1 AND original_id = $2 AND status = 'issued' ORDER BY date, id",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(invoice.0).fetch_all(&mut *c).await)?,
    )
}

/// The party's issued documents (invoices, bills of supply, notes), oldest first, for its
/// statement.
pub async fn issued_to(
    mut ex: impl Executor,
    org: OrgId,
    party: PartyId,
) -> Result<Vec<SalesDocument>, StoreError> {
    let sql = SalesDocument::select(
        "WHERE org_id = $1 AND customer_id = $2 AND status = 'issued' ORDER BY date, issued_at, id",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(party.0).fetch_all(&mut *c).await)?,
    )
}

/// What customers owe: the open balance of issued invoices, bills of supply and debit notes,
/// and how much of it (and on how many documents) is past its due date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Receivables {
    pub due: Paise,
    pub overdue: Paise,
    pub overdue_count: i64,
}

pub async fn receivables(
    mut ex: impl Executor,
    org: OrgId,
    today: Date,
) -> Result<Receivables, StoreError> {
    const SQL: &str = "SELECT \
        CAST(COALESCE(SUM(total - amount_paid - amount_credited), 0) AS BIGINT), \
        CAST(COALESCE(SUM(CASE WHEN due_date < $2 THEN total - amount_paid - amount_credited ELSE 0 END), 0) AS BIGINT), \
        CAST(COALESCE(SUM(CASE WHEN due_date < $2 AND total > amount_paid + amount_credited THEN 1 ELSE 0 END), 0) AS BIGINT) \
        FROM sales_documents WHERE org_id = $1 AND status = 'issued' \
        AND kind IN ('invoice', 'bill_of_supply', 'debit_note')";
    let conn = ex.conn().await?;
    let (due, overdue, count): (i64, i64, i64) = on_conn!(conn, c => sqlx::query_as(SQL)
        .bind(org.0).bind(today).fetch_one(&mut *c).await)?;
    Ok(Receivables {
        due: Paise::new(due),
        overdue: Paise::new(overdue),
        overdue_count: count,
    })
}

/// The tax on the sales of a period (from `from` to `to`, inclusive): invoices and debit notes
/// add, credit notes take away.
pub async fn output_tax(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Paise, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'credit_note' \
        THEN -(cgst + sgst + igst + cess) ELSE cgst + sgst + igst + cess END), 0) AS BIGINT) \
        FROM sales_documents WHERE org_id = $1 AND status = 'issued' AND date >= $2 AND date <= $3";
    let conn = ex.conn().await?;
    let sum: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL)
        .bind(org.0).bind(from).bind(to).fetch_one(&mut *c).await)?;
    Ok(Paise::new(sum))
}

/// Whether the organisation has issued any invoice yet (the first-run checklist's last step).
pub async fn any_issued(mut ex: impl Executor, org: OrgId) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT EXISTS (SELECT 1 FROM sales_documents WHERE org_id = $1 \
                       AND status <> 'draft')";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).fetch_one(&mut *c).await)?)
}
