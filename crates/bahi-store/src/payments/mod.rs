//! Payments received and made, and their allocations to invoices and bills. An allocation moves
//! the document's `amount_paid` in the same transaction, by a guarded update that never takes it
//! past the document's total, so two payments racing for the last rupee cannot both win.

use bahi_gst::Paise;
use time::{Date, OffsetDateTime};

use crate::column::Column;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::ids::typed_id;
use crate::ledger::AccountId;
use crate::masters::PartyId;
use crate::purchases::BillId;
use crate::row::{Fields, Table, row};
use crate::sales::DocumentId;
use crate::{StoreError, WriteTx};

typed_id!(
    /// A payment received or made by one organisation.
    PaymentId
);

macro_rules! named {
    ($name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }

            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl Column for $name {
            type Stored = String;
            fn to_stored(&self) -> String {
                self.as_str().to_owned()
            }
            fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
                Self::parse(&stored)
                    .ok_or_else(|| format!("{stored:?} is not a {}", stringify!($name)).into())
            }
        }
    };
}

named!(Direction { Received = "received", Made = "made" });
named!(PaymentStatus { Recorded = "recorded", Void = "void" });
named!(Mode {
    Cash = "cash",
    Upi = "upi",
    BankTransfer = "bank_transfer",
    Card = "card",
    Cheque = "cheque",
    Gateway = "gateway",
});

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Payment in "payments" {
        pub id: PaymentId,
        pub org_id: OrgId,
        pub direction: Direction,
        pub status: PaymentStatus,
        pub party_id: PartyId,
        pub date: Date,
        pub amount: Paise,
        /// How much of `amount` is allocated to documents; the rest is an advance.
        pub allocated: Paise,
        pub mode: Mode,
        pub reference: Option<String>,
        pub notes: Option<String>,
        pub void_reason: Option<String>,
        pub created_by: Option<UserId>,
        pub voided_at: Option<OffsetDateTime>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
        /// The gateway's id of the payment (`razorpay:pay_…`), when a gateway reported it.
        pub gateway_ref: Option<String>,
        /// The cash or bank account the money went into or came out of; `None` on payments
        /// recorded before a payment named one (their mode decides).
        pub account_id: Option<AccountId>,
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Allocation in "payment_allocations" {
        pub payment_id: PaymentId,
        pub position: i64,
        pub org_id: OrgId,
        pub invoice_id: Option<DocumentId>,
        pub bill_id: Option<BillId>,
        pub amount: Paise,
        pub created_at: OffsetDateTime,
    }
}

impl Payment {
    /// What is not allocated: an advance held for the party.
    #[must_use]
    pub fn unallocated(&self) -> Paise {
        if self.status == PaymentStatus::Recorded {
            Paise::new(self.amount.get() - self.allocated.get())
        } else {
            Paise::ZERO
        }
    }
}

pub async fn insert(tx: &mut WriteTx, payment: &Payment) -> Result<(), StoreError> {
    payment.insert(tx).await
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: PaymentId,
) -> Result<Option<Payment>, StoreError> {
    let sql = Payment::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

pub async fn allocations(
    mut ex: impl Executor,
    org: OrgId,
    id: PaymentId,
) -> Result<Vec<Allocation>, StoreError> {
    let sql = Allocation::select("WHERE org_id = $1 AND payment_id = $2 ORDER BY position");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_all(&mut *c).await)?)
}

/// What an allocation may be applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Invoice(DocumentId),
    Bill(BillId),
}

/// Adds `amount` to what the document has been paid; false when it is not issued (or
/// recorded), is not the party's, or would be paid more than its total.
pub async fn pay_document(
    tx: &mut WriteTx,
    org: OrgId,
    party: PartyId,
    target: Target,
    amount: Paise,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const INVOICE: &str = "UPDATE sales_documents SET amount_paid = amount_paid + $1, updated_at = $2 \
                           WHERE org_id = $3 AND id = $4 AND customer_id = $5 AND status = 'issued' \
                           AND kind IN ('invoice', 'bill_of_supply', 'debit_note') \
                           AND amount_paid + amount_credited + $1 <= total";
    const BILL: &str = "UPDATE purchase_bills SET amount_paid = amount_paid + $1, updated_at = $2 \
                        WHERE org_id = $3 AND id = $4 AND vendor_id = $5 AND status = 'recorded' \
                        AND amount_paid + $1 <= total";
    let (sql, id) = match target {
        Target::Invoice(id) => (INVOICE, id.0),
        Target::Bill(id) => (BILL, id.0),
    };
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(sql)
        .bind(amount.get()).bind(at).bind(org.0).bind(id).bind(party.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Takes `amount` back off what the document has been paid (a voided payment).
pub async fn unpay_document(
    tx: &mut WriteTx,
    org: OrgId,
    target: Target,
    amount: Paise,
    at: OffsetDateTime,
) -> Result<(), StoreError> {
    const INVOICE: &str = "UPDATE sales_documents SET amount_paid = amount_paid - $1, updated_at = $2 \
                           WHERE org_id = $3 AND id = $4";
    const BILL: &str = "UPDATE purchase_bills SET amount_paid = amount_paid - $1, updated_at = $2 \
                        WHERE org_id = $3 AND id = $4";
    let (sql, id) = match target {
        Target::Invoice(id) => (INVOICE, id.0),
        Target::Bill(id) => (BILL, id.0),
    };
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(sql)
        .bind(amount.get()).bind(at).bind(org.0).bind(id)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records allocations of a payment (positions continue after the ones it has) and raises its
/// `allocated`; false when that would pass the payment's amount or it is void.
pub async fn add_allocations(
    tx: &mut WriteTx,
    org: OrgId,
    payment: PaymentId,
    first_position: i64,
    allocations: &[(Target, Paise)],
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const RAISE: &str = "UPDATE payments SET allocated = allocated + $1, updated_at = $2 \
                         WHERE org_id = $3 AND id = $4 AND status = 'recorded' \
                         AND allocated + $1 <= amount";
    let total: i64 = allocations.iter().map(|(_, a)| a.get()).sum();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(RAISE)
        .bind(total).bind(at).bind(org.0).bind(payment.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if done != 1 {
        return Ok(false);
    }
    for (i, (target, amount)) in allocations.iter().enumerate() {
        let (invoice_id, bill_id) = match *target {
            Target::Invoice(id) => (Some(id), None),
            Target::Bill(id) => (None, Some(id)),
        };
        Allocation {
            payment_id: payment,
            position: first_position + i64::try_from(i).unwrap_or(0),
            org_id: org,
            invoice_id,
            bill_id,
            amount: *amount,
            created_at: at,
        }
        .insert(&mut *tx)
        .await?;
    }
    Ok(true)
}

/// Voids a recorded payment; false when it is not recorded (any more).
pub async fn void(
    tx: &mut WriteTx,
    org: OrgId,
    id: PaymentId,
    reason: &str,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE payments SET status = 'void', void_reason = $1, voided_at = $2, \
                       updated_at = $2 WHERE org_id = $3 AND id = $4 AND status = 'recorded'";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL)
        .bind(reason).bind(at).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct PaymentQuery {
    pub direction: Option<Direction>,
    pub party: Option<PartyId>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub before: Option<(Date, PaymentId)>,
    pub limit: i64,
}

/// Payments newest first, a page at a time.
pub async fn list(
    mut ex: impl Executor,
    org: OrgId,
    query: &PaymentQuery,
) -> Result<Vec<Payment>, StoreError> {
    use crate::filter::{Filter, Value, bind_all};
    let mut f = Filter::default();
    f.and("p.org_id = ?", [Value::Uuid(org.0)]);
    if let Some(direction) = query.direction {
        f.and(
            "p.direction = ?",
            [Value::Text(direction.as_str().to_owned())],
        );
    }
    if let Some(party) = query.party {
        f.and("p.party_id = ?", [Value::Uuid(party.0)]);
    }
    f.dates("p", query.from, query.to);
    f.before("p", query.before.map(|(date, id)| (date, id.0)));
    let limit = f.placeholder(Value::Int(query.limit));
    let sql = format!(
        "SELECT {} FROM payments p {} ORDER BY p.date DESC, p.id DESC LIMIT {limit}",
        Payment::columns_of("p"),
        f.clause()
    );
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => bind_all!(sqlx::query_as(&sql), f.values()).fetch_all(&mut *c).await)?)
}

/// The party's advance: what its live payments in `direction` hold unallocated.
pub async fn advance(
    mut ex: impl Executor,
    org: OrgId,
    party: PartyId,
    direction: Direction,
) -> Result<Paise, StoreError> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(amount - allocated), 0) AS BIGINT) FROM payments \
                       WHERE org_id = $1 AND party_id = $2 AND direction = $3 AND status = 'recorded'";
    let conn = ex.conn().await?;
    let sum: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL)
        .bind(org.0).bind(party.0).bind(direction.as_str())
        .fetch_one(&mut *c).await)?;
    Ok(Paise::new(sum))
}

/// The party's recorded payments, oldest first, for its statement.
pub async fn recorded_with(
    mut ex: impl Executor,
    org: OrgId,
    party: PartyId,
) -> Result<Vec<Payment>, StoreError> {
    let sql = Payment::select(
        "WHERE org_id = $1 AND party_id = $2 AND status = 'recorded' ORDER BY date, created_at, id",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(party.0).fetch_all(&mut *c).await)?,
    )
}
