//! Purchase bills and their lines. A bill is written whole and then only voided.

use bahi_gst::returns::Itc;
use bahi_gst::supply::Import;
use bahi_gst::{Gstin, Paise, Quantity, Rate, Registration, StateCode, Treatment};
use time::{Date, OffsetDateTime};

use super::{BillId, BillStatus};
use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::masters::{ItemId, PartyId, like_escaped};
use crate::row::{Fields, Table, row};
use crate::{StoreError, WriteTx};

impl Column for Import {
    type Stored = String;
    fn to_stored(&self) -> String {
        match self {
            Self::Goods => "goods",
            Self::Services => "services",
        }
        .to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        match stored.as_str() {
            "goods" => Ok(Self::Goods),
            "services" => Ok(Self::Services),
            other => Err(format!("{other:?} is not an import").into()),
        }
    }
}

impl Column for Itc {
    type Stored = String;
    fn to_stored(&self) -> String {
        match self {
            Self::Eligible => "eligible",
            Self::Ineligible => "ineligible",
        }
        .to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        match stored.as_str() {
            "eligible" => Ok(Self::Eligible),
            "ineligible" => Ok(Self::Ineligible),
            other => Err(format!("{other:?} is not an ITC eligibility").into()),
        }
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Bill in "purchase_bills" {
        pub id: BillId,
        pub org_id: OrgId,
        pub status: BillStatus,
        pub vendor_id: PartyId,
        pub vendor_name: String,
        pub vendor_registration: Registration,
        pub vendor_gstin: Option<Gstin>,
        pub vendor_state_code: Option<StateCode>,
        /// As the vendor wrote it (Rule 46).
        pub vendor_invoice_number: String,
        /// The financial year of `date` (its first calendar year): numbers are unique per
        /// vendor within it.
        pub financial_year: i64,
        pub date: Date,
        pub due_date: Option<Date>,
        pub place_of_supply: StateCode,
        pub inter_state: bool,
        pub reverse_charge: bool,
        pub import_kind: Option<Import>,
        pub bill_of_entry_number: Option<String>,
        pub bill_of_entry_date: Option<Date>,
        pub bill_of_entry_port: Option<String>,
        pub notes: Option<String>,
        pub taxable_value: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub igst: Paise,
        pub cess: Paise,
        pub round_off: Paise,
        /// What the vendor is paid (without tax the organisation pays itself).
        pub total: Paise,
        pub amount_paid: Paise,
        pub void_reason: Option<String>,
        pub created_by: Option<UserId>,
        pub voided_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
        /// The number of the invoice the organisation issued itself for a reverse-charge
        /// purchase from an unregistered supplier (`SI` series), taken when it was recorded.
        pub self_invoice_number: Option<String>,
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct BillLine in "purchase_lines" {
        pub bill_id: BillId,
        pub position: i64,
        pub org_id: OrgId,
        pub item_id: Option<ItemId>,
        pub description: String,
        pub hsn_sac: Option<String>,
        pub quantity: Quantity,
        pub unit: Option<String>,
        pub unit_price: Paise,
        pub discount: Paise,
        pub gst_rate: Rate,
        pub cess_rate: Rate,
        pub treatment: Treatment,
        pub itc: Itc,
        pub taxable_value: Paise,
        pub cgst: Paise,
        pub sgst: Paise,
        pub igst: Paise,
        pub cess: Paise,
        pub total: Paise,
    }
}

impl Bill {
    #[must_use]
    pub fn balance_due(&self) -> Paise {
        if self.status == BillStatus::Recorded {
            Paise::new(self.total.get() - self.amount_paid.get())
        } else {
            Paise::ZERO
        }
    }
}

/// Writes a bill and its lines. A live bill of the vendor with the same number in the same
/// financial year is [`StoreError::Duplicate`] on `vendor_invoice_number`.
pub async fn insert(tx: &mut WriteTx, bill: &Bill, lines: &[BillLine]) -> Result<(), StoreError> {
    bill.insert(&mut *tx).await?;
    BillLine::insert_all(lines, &mut *tx).await
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: BillId,
) -> Result<Option<Bill>, StoreError> {
    let sql = Bill::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

pub async fn lines(
    mut ex: impl Executor,
    org: OrgId,
    id: BillId,
) -> Result<Vec<BillLine>, StoreError> {
    let sql = BillLine::select("WHERE org_id = $1 AND bill_id = $2 ORDER BY position");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_all(&mut *c).await)?)
}

/// Voids a recorded bill; false when it is not recorded (any more).
pub async fn void(
    tx: &mut WriteTx,
    org: OrgId,
    id: BillId,
    reason: &str,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE purchase_bills SET status = 'void', void_reason = $1, \
                       voided_at = $2, updated_at = $2 \
                       WHERE org_id = $3 AND id = $4 AND status = 'recorded'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(reason).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct BillQuery {
    pub status: Option<BillStatus>,
    pub vendor: Option<PartyId>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The start of the vendor's number, or a part of the vendor's name (any case).
    pub q: Option<String>,
    pub before: Option<(Date, BillId)>,
    pub limit: i64,
}

/// Bills newest first, a page at a time.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    query: &BillQuery,
) -> Result<Vec<Bill>, StoreError> {
    use crate::filter::{Filter, Value, bind_all};
    let mut f = Filter::default();
    f.and("b.org_id = ?", [Value::Uuid(org.0)]);
    if let Some(status) = query.status {
        f.and("b.status = ?", [Value::Text(status.as_str().to_owned())]);
    }
    if let Some(vendor) = query.vendor {
        f.and("b.vendor_id = ?", [Value::Uuid(vendor.0)]);
    }
    f.dates("b", query.from, query.to);
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        f.and(
            "(UPPER(b.vendor_invoice_number) LIKE ? ESCAPE '\\' OR b.vendor_id IN \
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
    f.before("b", query.before.map(|(date, id)| (date, id.0)));
    let limit = f.placeholder(Value::Int(query.limit));
    let sql = format!(
        "SELECT {} FROM purchase_bills b {} ORDER BY b.date DESC, b.id DESC LIMIT {limit}",
        Bill::columns_of("b"),
        f.clause()
    );
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => bind_all!(sqlx::query_as(&sql), f.values()).fetch_all(&mut *c).await)?)
}

/// The vendor's recorded bills, oldest first, for its statement.
pub async fn recorded_from(
    mut ex: impl Executor,
    org: OrgId,
    vendor: PartyId,
) -> Result<Vec<Bill>, StoreError> {
    let sql = Bill::select(
        "WHERE org_id = $1 AND vendor_id = $2 AND status = 'recorded' ORDER BY date, created_at, id",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(vendor.0).fetch_all(&mut *c).await)?,
    )
}

/// What the organisation owes its vendors on recorded bills.
pub async fn payables(mut ex: impl Executor, org: OrgId) -> Result<Paise, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(total - amount_paid), 0) AS BIGINT) FROM purchase_bills \
                       WHERE org_id = $1 AND status = 'recorded'";
    let conn = ex.conn().await?;
    let sum: i64 =
        on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).fetch_one(&mut *c).await)?;
    Ok(Paise::new(sum))
}

/// The tax on the bills of a period (from `from` to `to`, inclusive), eligible for credit or not.
pub async fn input_tax(
    mut ex: impl Executor,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Paise, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(cgst + sgst + igst + cess), 0) AS BIGINT) FROM purchase_bills \
                       WHERE org_id = $1 AND status = 'recorded' AND date >= $2 AND date <= $3";
    let conn = ex.conn().await?;
    let sum: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL)
        .bind(org.0).bind(from).bind(to).fetch_one(&mut *c).await)?;
    Ok(Paise::new(sum))
}
