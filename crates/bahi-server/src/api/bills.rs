//! Purchase bills (API.md, Purchase bills): recorded as the vendor issued them, voided to
//! correct them.

use crate::print::render::PrintParams;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::purchases::bills::{self, BillInput, BillOfEntry, RecordedBill};
use bahi_app::{Accountant, Viewer};
use bahi_gst::returns::Itc;
use bahi_gst::supply::Import;
use bahi_gst::{Paise, amount_in_words};
use bahi_store::masters::PartyId;
use bahi_store::purchases::BillStatus;
use bahi_store::purchases::bills::{Bill, BillLine, BillQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::rfc3339;
use super::invoices::{LineIn, TotalsOut, VoidIn};
use super::items::TreatmentName;
use super::values::{self, date_text};
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, date_position};
use crate::http::paths::BillPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// `goods` (IGST paid at customs; give the bill of entry) or `services`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportName {
    Goods,
    Services,
}

impl From<ImportName> for Import {
    fn from(i: ImportName) -> Self {
        match i {
            ImportName::Goods => Self::Goods,
            ImportName::Services => Self::Services,
        }
    }
}

impl From<Import> for ImportName {
    fn from(i: Import) -> Self {
        match i {
            Import::Goods => Self::Goods,
            Import::Services => Self::Services,
        }
    }
}

/// `eligible` or `ineligible` (blocked by section 17(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItcName {
    Eligible,
    Ineligible,
}

impl From<ItcName> for Itc {
    fn from(i: ItcName) -> Self {
        match i {
            ItcName::Eligible => Self::Eligible,
            ItcName::Ineligible => Self::Ineligible,
        }
    }
}

impl From<Itc> for ItcName {
    fn from(i: Itc) -> Self {
        match i {
            Itc::Eligible => Self::Eligible,
            Itc::Ineligible => Self::Ineligible,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct BillOfEntryIn {
    #[schema(max_length = 20)]
    pub number: Option<String>,
    /// `YYYY-MM-DD`
    pub date: Option<String>,
    #[schema(max_length = 6)]
    pub port_code: Option<String>,
}

/// A bill line: an invoice line plus its ITC eligibility.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct BillLineIn {
    #[serde(flatten)]
    pub line: LineIn,
    pub itc: Option<ItcName>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewBill {
    pub vendor_id: Uuid,
    /// As the vendor wrote it: up to 16 letters, digits, `/` and `-`.
    #[schema(min_length = 1, max_length = 16)]
    pub vendor_invoice_number: String,
    /// `YYYY-MM-DD`; today when left out.
    pub date: Option<String>,
    pub due_date: Option<String>,
    /// The organisation's state when left out.
    #[schema(max_length = 2)]
    pub place_of_supply: Option<String>,
    pub reverse_charge: Option<bool>,
    pub import: Option<ImportName>,
    pub bill_of_entry: Option<BillOfEntryIn>,
    pub lines: Vec<BillLineIn>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

impl NewBill {
    fn input(self) -> Result<BillInput, HttpError> {
        let mut errors = Vec::new();
        let date = self
            .date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .and_then(|d| values::date("date", d, &mut errors));
        let due_date = self
            .due_date
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .and_then(|d| values::date("due_date", d, &mut errors));
        let bill_of_entry = self.bill_of_entry.map(|e| BillOfEntry {
            number: e.number,
            date: e
                .date
                .as_deref()
                .and_then(|d| values::date("bill_of_entry.date", d, &mut errors)),
            port_code: e.port_code,
        });
        values::check(errors)?;
        let itc = self.lines.iter().map(|l| l.itc.map(Into::into)).collect();
        Ok(BillInput {
            vendor_id: PartyId(self.vendor_id),
            vendor_invoice_number: self.vendor_invoice_number,
            date,
            due_date,
            place_of_supply: self.place_of_supply,
            reverse_charge: self.reverse_charge.unwrap_or(false),
            import: self.import.map(Into::into),
            bill_of_entry,
            lines: self.lines.into_iter().map(|l| l.line.into()).collect(),
            itc,
            notes: self.notes,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VendorRef {
    pub id: Uuid,
    pub name: String,
    pub gstin: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BillLineOut {
    pub item_id: Option<Uuid>,
    pub description: String,
    pub hsn_sac: Option<String>,
    pub quantity: String,
    pub unit: Option<String>,
    pub unit_price: String,
    pub discount: String,
    pub taxable_value: String,
    pub gst_rate: String,
    pub treatment: TreatmentName,
    pub cess_rate: String,
    pub itc: ItcName,
    pub cgst: String,
    pub sgst: String,
    pub igst: String,
    pub cess: String,
    pub total: String,
}

impl From<&BillLine> for BillLineOut {
    fn from(l: &BillLine) -> Self {
        Self {
            item_id: l.item_id.map(|i| i.0),
            description: l.description.clone(),
            hsn_sac: l.hsn_sac.clone(),
            quantity: l.quantity.to_string(),
            unit: l.unit.clone(),
            unit_price: l.unit_price.to_string(),
            discount: l.discount.to_string(),
            taxable_value: l.taxable_value.to_string(),
            gst_rate: l.gst_rate.to_string(),
            treatment: l.treatment.into(),
            cess_rate: l.cess_rate.to_string(),
            itc: l.itc.into(),
            cgst: l.cgst.to_string(),
            sgst: l.sgst.to_string(),
            igst: l.igst.to_string(),
            cess: l.cess.to_string(),
            total: l.total.to_string(),
        }
    }
}

/// `recorded` | `void`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BillStatusName {
    Recorded,
    Void,
}

impl From<BillStatus> for BillStatusName {
    fn from(s: BillStatus) -> Self {
        match s {
            BillStatus::Recorded => Self::Recorded,
            BillStatus::Void => Self::Void,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BillOfEntryOut {
    pub number: Option<String>,
    pub date: Option<String>,
    pub port_code: Option<String>,
}

/// A bill: the invoice shape plus the vendor, their number, reverse charge, import and per-line
/// ITC. Under reverse charge (and on imports) the tax heads are the organisation's own to pay;
/// `total` and `balance_due` are what the vendor is paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillOut {
    pub id: Uuid,
    pub status: BillStatusName,
    pub vendor: VendorRef,
    pub vendor_invoice_number: String,
    pub date: String,
    pub due_date: Option<String>,
    pub place_of_supply: String,
    pub reverse_charge: bool,
    /// The number of the self-invoice issued for a reverse-charge purchase from an
    /// unregistered vendor (series `SI`); its PDF is `GET …/bills/{id}/pdf`.
    pub self_invoice_number: Option<String>,
    pub import: Option<ImportName>,
    pub bill_of_entry: Option<BillOfEntryOut>,
    pub lines: Vec<BillLineOut>,
    pub totals: TotalsOut,
    pub amount_in_words: String,
    pub amount_paid: String,
    pub balance_due: String,
    pub notes: Option<String>,
    pub void_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl BillOut {
    #[must_use]
    pub fn of(b: &Bill, lines: &[BillLine]) -> Self {
        let money = |p: Paise| p.to_string();
        Self {
            id: b.id.0,
            status: b.status.into(),
            vendor: VendorRef {
                id: b.vendor_id.0,
                name: b.vendor_name.clone(),
                gstin: b.vendor_gstin.as_ref().map(ToString::to_string),
            },
            vendor_invoice_number: b.vendor_invoice_number.clone(),
            date: date_text(b.date),
            due_date: b.due_date.map(date_text),
            place_of_supply: b.place_of_supply.to_string(),
            reverse_charge: b.reverse_charge,
            self_invoice_number: b.self_invoice_number.clone(),
            import: b.import_kind.map(Into::into),
            bill_of_entry: b.bill_of_entry_number.as_ref().map(|n| BillOfEntryOut {
                number: Some(n.clone()),
                date: b.bill_of_entry_date.map(date_text),
                port_code: b.bill_of_entry_port.clone(),
            }),
            lines: lines.iter().map(Into::into).collect(),
            totals: TotalsOut::of([
                b.taxable_value,
                b.cgst,
                b.sgst,
                b.igst,
                b.cess,
                b.round_off,
                b.total,
            ]),
            amount_in_words: amount_in_words(b.total),
            amount_paid: money(b.amount_paid),
            balance_due: money(b.balance_due()),
            notes: b.notes.clone(),
            void_reason: b.void_reason.clone(),
            created_at: rfc3339(b.created_at),
            updated_at: rfc3339(b.updated_at),
        }
    }

    fn from_recorded(r: &RecordedBill) -> Self {
        Self::of(&r.bill, &r.lines)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BillSummary {
    pub id: Uuid,
    pub status: BillStatusName,
    pub vendor: VendorRef,
    pub vendor_invoice_number: String,
    pub date: String,
    pub due_date: Option<String>,
    pub reverse_charge: bool,
    pub total: String,
    pub amount_paid: String,
    pub balance_due: String,
}

impl From<&Bill> for BillSummary {
    fn from(b: &Bill) -> Self {
        Self {
            id: b.id.0,
            status: b.status.into(),
            vendor: VendorRef {
                id: b.vendor_id.0,
                name: b.vendor_name.clone(),
                gstin: b.vendor_gstin.as_ref().map(ToString::to_string),
            },
            vendor_invoice_number: b.vendor_invoice_number.clone(),
            date: date_text(b.date),
            due_date: b.due_date.map(date_text),
            reverse_charge: b.reverse_charge,
            total: b.total.to_string(),
            amount_paid: b.amount_paid.to_string(),
            balance_due: b.balance_due().to_string(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BillFilter {
    pub status: Option<BillStatusName>,
    pub vendor_id: Option<Uuid>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// The start of the vendor's number, or a part of the vendor's name.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

fn bill_position(b: &Bill) -> String {
    date_position(b.date, b.id)
}

/// Record a vendor's bill.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/bills", tag = "bills",
    params(("org_id" = Uuid, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first answer instead of a second bill")),
    request_body = NewBill,
    responses((status = 201, body = BillOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewBill>,
) -> Result<(StatusCode, Json<BillOut>), HttpError> {
    let input = body.input()?;
    let bill = bills::create(&app.services, &member, &input).await?;
    Ok((StatusCode::CREATED, Json(BillOut::from_recorded(&bill))))
}

/// Bills newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/bills", tag = "bills",
    params(("org_id" = Uuid, Path), BillFilter, PageParams),
    responses((status = 200, body = Page<BillSummary>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<BillFilter>,
) -> Result<Json<Page<BillSummary>>, HttpError> {
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
    let query = BillQuery {
        status: filter.status.map(|s| match s {
            BillStatusName::Recorded => BillStatus::Recorded,
            BillStatusName::Void => BillStatus::Void,
        }),
        vendor: filter.vendor_id.map(PartyId),
        from,
        to,
        q: filter.q,
        before: paging.before_date()?,
        limit: paging.fetch(),
    };
    let rows = bills::list(&app.services, &member, &query).await?;
    Ok(Json(paging.page(rows, bill_position, |b| (&b).into())))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/bills/{id}", tag = "bills",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = BillOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<BillPath>,
) -> Result<Json<BillOut>, HttpError> {
    let bill = bills::get(&app.services, &member, path.id).await?;
    Ok(Json(BillOut::from_recorded(&bill)))
}

/// The self-invoice of a reverse-charge purchase from an unregistered vendor, as a PDF (404 for other bills: they are the vendor's own documents).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/bills/{id}/pdf", tag = "bills",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), PrintParams),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
               description = "The PDF, named by the self-invoice's number.")))]
pub async fn pdf(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<BillPath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    crate::print::purchases::bill(&app, &member, path.id, &params).await
}

/// Void a bill (409 while payments are allocated to it).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/bills/{id}/void", tag = "bills",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = VoidIn,
    responses((status = 200, body = BillOut)))]
pub async fn void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<BillPath>,
    Json(body): Json<VoidIn>,
) -> Result<Json<BillOut>, HttpError> {
    let bill = bills::void(&app.services, &member, path.id, &body.reason).await?;
    Ok(Json(BillOut::from_recorded(&bill)))
}
