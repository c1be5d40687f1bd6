//! Payments (API.md, Payments): received from customers, made to vendors, split across
//! documents; what is not allocated is an advance on the party, allocated later.

use crate::print::render::PrintParams;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::payments::{self, AllocationInput, PaymentInput, RecordedPayment};
use bahi_app::{Accountant, Message, Viewer};
use bahi_store::ledger::AccountId;
use bahi_store::masters::PartyId;
use bahi_store::payments::{
    Allocation, Direction, Mode, Payment, PaymentQuery, PaymentStatus, Target,
};
use bahi_store::purchases::BillId;
use bahi_store::sales::DocumentId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::rfc3339;
use super::invoices::VoidIn;
use super::values::{self, Decimal, date_text};
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, date_position};
use crate::http::paths::PaymentPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// `received` (from a customer) or `made` (to a vendor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionName {
    Received,
    Made,
}

impl From<DirectionName> for Direction {
    fn from(d: DirectionName) -> Self {
        match d {
            DirectionName::Received => Self::Received,
            DirectionName::Made => Self::Made,
        }
    }
}

impl From<Direction> for DirectionName {
    fn from(d: Direction) -> Self {
        match d {
            Direction::Received => Self::Received,
            Direction::Made => Self::Made,
        }
    }
}

/// How the money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModeName {
    Cash,
    Upi,
    BankTransfer,
    Card,
    Cheque,
    Gateway,
}

impl From<ModeName> for Mode {
    fn from(m: ModeName) -> Self {
        match m {
            ModeName::Cash => Self::Cash,
            ModeName::Upi => Self::Upi,
            ModeName::BankTransfer => Self::BankTransfer,
            ModeName::Card => Self::Card,
            ModeName::Cheque => Self::Cheque,
            ModeName::Gateway => Self::Gateway,
        }
    }
}

impl From<Mode> for ModeName {
    fn from(m: Mode) -> Self {
        match m {
            Mode::Cash => Self::Cash,
            Mode::Upi => Self::Upi,
            Mode::BankTransfer => Self::BankTransfer,
            Mode::Card => Self::Card,
            Mode::Cheque => Self::Cheque,
            Mode::Gateway => Self::Gateway,
        }
    }
}

/// One allocation: `invoice_id` for a payment received, `bill_id` for one made.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AllocationIn {
    pub invoice_id: Option<Uuid>,
    pub bill_id: Option<Uuid>,
    pub amount: Decimal,
}

fn allocations(list: Vec<AllocationIn>) -> Result<Vec<AllocationInput>, HttpError> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list.into_iter().enumerate() {
        let target = match (a.invoice_id, a.bill_id) {
            (Some(id), None) => Target::Invoice(DocumentId(id)),
            (None, Some(id)) => Target::Bill(BillId(id)),
            _ => {
                errors.push(bahi_app::FieldError::new(
                    format!("allocations[{i}]"),
                    Message::new("allocation-one-target"),
                ));
                continue;
            }
        };
        out.push(AllocationInput {
            target,
            amount: a.amount.text(),
        });
    }
    values::check(errors)?;
    Ok(out)
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewPayment {
    pub direction: DirectionName,
    pub party_id: Uuid,
    /// `YYYY-MM-DD`; today when left out.
    pub date: Option<String>,
    pub amount: Decimal,
    pub mode: ModeName,
    /// The cash or bank account (an account under "Cash and cash equivalents") the money went
    /// into or came out of; left out, cash in hand for cash and the bank account otherwise.
    pub account_id: Option<Uuid>,
    /// A cheque number, UPI reference, bank UTR.
    #[schema(max_length = 100)]
    pub reference: Option<String>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    pub allocations: Vec<AllocationIn>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewAllocations {
    pub allocations: Vec<AllocationIn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationOut {
    pub invoice_id: Option<Uuid>,
    pub bill_id: Option<Uuid>,
    pub amount: String,
}

impl From<&Allocation> for AllocationOut {
    fn from(a: &Allocation) -> Self {
        Self {
            invoice_id: a.invoice_id.map(|i| i.0),
            bill_id: a.bill_id.map(|b| b.0),
            amount: a.amount.to_string(),
        }
    }
}

/// `recorded` | `void`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatusName {
    Recorded,
    Void,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentOut {
    pub id: Uuid,
    pub direction: DirectionName,
    pub status: PaymentStatusName,
    pub party_id: Uuid,
    pub date: String,
    #[schema(example = "500.00")]
    pub amount: String,
    pub mode: ModeName,
    /// The cash or bank account the money went into or came out of.
    pub account_id: Uuid,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub allocations: Vec<AllocationOut>,
    /// What is not allocated: an advance held for the party.
    pub unallocated: String,
    pub void_reason: Option<String>,
    pub created_at: String,
}

impl PaymentOut {
    fn of(p: &Payment, allocations: &[Allocation]) -> Self {
        Self {
            id: p.id.0,
            direction: p.direction.into(),
            status: match p.status {
                PaymentStatus::Recorded => PaymentStatusName::Recorded,
                PaymentStatus::Void => PaymentStatusName::Void,
            },
            party_id: p.party_id.0,
            date: date_text(p.date),
            amount: p.amount.to_string(),
            mode: p.mode.into(),
            account_id: bahi_app::ledger::postings::money_account(p).0,
            reference: p.reference.clone(),
            notes: p.notes.clone(),
            allocations: allocations.iter().map(Into::into).collect(),
            unallocated: p.unallocated().to_string(),
            void_reason: p.void_reason.clone(),
            created_at: rfc3339(p.created_at),
        }
    }

    fn from_recorded(r: &RecordedPayment) -> Self {
        Self::of(&r.payment, &r.allocations)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentFilter {
    pub direction: Option<DirectionName>,
    pub party_id: Option<Uuid>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
}

/// Record a payment received or made, split across invoices or bills.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/payments", tag = "payments",
    params(("org_id" = Uuid, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first answer instead of a second payment")),
    request_body = NewPayment,
    responses((status = 201, body = PaymentOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewPayment>,
) -> Result<(StatusCode, Json<PaymentOut>), HttpError> {
    let mut errors = Vec::new();
    let date = body
        .date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .and_then(|d| values::date("date", d, &mut errors));
    values::check(errors)?;
    let input = PaymentInput {
        direction: body.direction.into(),
        party_id: PartyId(body.party_id),
        date,
        amount: body.amount.text(),
        mode: body.mode.into(),
        account_id: body.account_id.map(AccountId),
        reference: body.reference,
        notes: body.notes,
        allocations: allocations(body.allocations)?,
    };
    let payment = payments::create(&app.services, &member, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(PaymentOut::from_recorded(&payment)),
    ))
}

/// Payments newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/payments", tag = "payments",
    params(("org_id" = Uuid, Path), PaymentFilter, PageParams),
    responses((status = 200, body = Page<PaymentOut>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<PaymentFilter>,
) -> Result<Json<Page<PaymentOut>>, HttpError> {
    let mut errors = Vec::new();
    let from = filter
        .from
        .as_deref()
        .and_then(|d| values::date("from", d, &mut errors));
    let to = filter
        .to
        .as_deref()
        .and_then(|d| values::date("to", d, &mut errors));
    values::check(errors)?;
    let query = PaymentQuery {
        direction: filter.direction.map(Into::into),
        party: filter.party_id.map(PartyId),
        from,
        to,
        before: paging.before_date()?,
        limit: paging.fetch(),
    };
    let rows = payments::list(&app.services, &member, &query).await?;
    Ok(Json(paging.page(
        rows,
        |p| date_position(p.date, p.id),
        |p| PaymentOut::of(&p, &[]),
    )))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/payments/{id}", tag = "payments",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = PaymentOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PaymentPath>,
) -> Result<Json<PaymentOut>, HttpError> {
    let payment = payments::get(&app.services, &member, path.id).await?;
    Ok(Json(PaymentOut::from_recorded(&payment)))
}

/// The payment's receipt (money received) or voucher (money paid) as a PDF.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/payments/{id}/pdf", tag = "payments",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), PrintParams),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
               description = "The PDF.")))]
pub async fn pdf(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PaymentPath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    crate::print::receipts::payment(&app, &member, path.id, &params).await
}

/// Allocate a payment's advance (what it holds unallocated) to invoices or bills.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/payments/{id}/allocations", tag = "payments",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = NewAllocations,
    responses((status = 200, body = PaymentOut)))]
pub async fn allocate(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<PaymentPath>,
    Json(body): Json<NewAllocations>,
) -> Result<Json<PaymentOut>, HttpError> {
    let input = allocations(body.allocations)?;
    let payment = payments::allocate(&app.services, &member, path.id, &input).await?;
    Ok(Json(PaymentOut::from_recorded(&payment)))
}

/// Void a payment: the documents it paid are owed again.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/payments/{id}/void", tag = "payments",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = VoidIn,
    responses((status = 200, body = PaymentOut)))]
pub async fn void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<PaymentPath>,
    Json(body): Json<VoidIn>,
) -> Result<Json<PaymentOut>, HttpError> {
    let payment = payments::void(&app.services, &member, path.id, &body.reason).await?;
    Ok(Json(PaymentOut::from_recorded(&payment)))
}
