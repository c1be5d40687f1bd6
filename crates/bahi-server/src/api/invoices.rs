//! Sales invoices (API.md, Sales invoices): drafts, issue, void, and the document as API.md
//! shows it. Bills of supply are invoices whose `kind` says so.

use crate::print::render::PrintParams;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::sales::invoices::{self, Invoice, InvoiceInput};
use bahi_app::sales::{ExportInput, LineInput};
use bahi_app::{Accountant, Viewer};
use bahi_gst::{Paise, amount_in_words};
use bahi_store::masters::{ItemId, PartyId};
use bahi_store::sales::documents::{Before, DocumentQuery, SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::rfc3339;
use super::items::TreatmentName;
use super::values::{self, Decimal, date_text};
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, date_position};
use crate::http::paths::InvoicePath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// An export's or SEZ supply's particulars.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExportIn {
    /// IGST is charged (refund claimed later) instead of supplying under bond or LUT.
    #[serde(default)]
    pub with_payment: bool,
    #[schema(max_length = 20)]
    pub shipping_bill_no: Option<String>,
    /// `YYYY-MM-DD`
    pub shipping_bill_date: Option<String>,
    /// The six-character port code.
    #[schema(max_length = 6)]
    pub port_code: Option<String>,
}

/// A line; fields left null come from the item.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct LineIn {
    pub item_id: Option<Uuid>,
    #[schema(max_length = 500)]
    pub description: Option<String>,
    #[schema(max_length = 8)]
    pub hsn_sac: Option<String>,
    /// Up to three decimals: `"2"`, `"2.5"`.
    pub quantity: Option<Decimal>,
    #[schema(max_length = 3)]
    pub unit: Option<String>,
    pub unit_price: Option<Decimal>,
    pub discount: Option<Decimal>,
    /// Percent: `"18"`.
    pub gst_rate: Option<Decimal>,
    pub treatment: Option<TreatmentName>,
    pub cess_rate: Option<Decimal>,
}

impl From<LineIn> for LineInput {
    fn from(l: LineIn) -> Self {
        Self {
            item_id: l.item_id.map(ItemId),
            description: l.description,
            hsn_sac: l.hsn_sac,
            quantity: l.quantity.map(Decimal::text),
            unit: l.unit,
            unit_price: l.unit_price.map(Decimal::text),
            discount: l.discount.map(Decimal::text),
            gst_rate: l.gst_rate.map(Decimal::text),
            treatment: l.treatment.map(Into::into),
            cess_rate: l.cess_rate.map(Decimal::text),
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewInvoice {
    pub customer_id: Uuid,
    /// `YYYY-MM-DD`; today (in the business's time zone) when left out.
    pub date: Option<String>,
    /// The numbering series: `INV` by default (`BOS` for a bill of supply).
    #[schema(max_length = 9)]
    pub series: Option<String>,
    /// A state code; from the customer when left out.
    #[schema(max_length = 2)]
    pub place_of_supply: Option<String>,
    /// For overseas and SEZ customers only.
    pub export: Option<ExportIn>,
    /// A supply to a regular registered buyer that GSTR-1 reports as a deemed export (`DE`).
    pub deemed_export: Option<bool>,
    pub lines: Vec<LineIn>,
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    /// `YYYY-MM-DD`
    pub due_date: Option<String>,
    /// Issue at once (take the number); a draft otherwise.
    pub issue: Option<bool>,
}

/// A change to a draft: fields left out keep their value; `lines`, when sent, replace them all.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct InvoicePatch {
    pub customer_id: Option<Uuid>,
    pub date: Option<String>,
    #[schema(max_length = 9)]
    pub series: Option<String>,
    /// `null` takes it from the customer again.
    #[schema(max_length = 2)]
    #[serde(default, deserialize_with = "values::present")]
    pub place_of_supply: Option<Option<String>>,
    /// `null`: not an export.
    #[serde(default, deserialize_with = "values::present")]
    pub export: Option<Option<ExportIn>>,
    pub deemed_export: Option<bool>,
    pub lines: Option<Vec<LineIn>>,
    /// `null` clears them.
    #[schema(max_length = 2000)]
    #[serde(default, deserialize_with = "values::present")]
    pub notes: Option<Option<String>>,
    /// `null`: due on receipt.
    #[serde(default, deserialize_with = "values::present")]
    pub due_date: Option<Option<String>>,
}

fn export_input(e: ExportIn, errors: &mut Vec<bahi_app::FieldError>) -> ExportInput {
    ExportInput {
        with_payment: e.with_payment,
        shipping_bill_no: e.shipping_bill_no,
        shipping_bill_date: e
            .shipping_bill_date
            .as_deref()
            .and_then(|d| values::date("export.shipping_bill_date", d, errors)),
        port_code: e.port_code,
    }
}

fn optional_date(
    field: &str,
    text: Option<&str>,
    errors: &mut Vec<bahi_app::FieldError>,
) -> Option<Date> {
    text.filter(|t| !t.trim().is_empty())
        .and_then(|t| values::date(field, t, errors))
}

impl NewInvoice {
    fn input(self) -> Result<(InvoiceInput, bool), HttpError> {
        let mut errors = Vec::new();
        let date = optional_date("date", self.date.as_deref(), &mut errors);
        let due_date = optional_date("due_date", self.due_date.as_deref(), &mut errors);
        let export = self.export.map(|e| export_input(e, &mut errors));
        values::check(errors)?;
        Ok((
            InvoiceInput {
                customer_id: PartyId(self.customer_id),
                date,
                due_date,
                series: self.series,
                place_of_supply: self.place_of_supply,
                export,
                deemed_export: self.deemed_export.unwrap_or(false),
                lines: self.lines.into_iter().map(Into::into).collect(),
                notes: self.notes,
            },
            self.issue.unwrap_or(false),
        ))
    }
}

impl InvoicePatch {
    fn over(self, mut input: InvoiceInput) -> Result<InvoiceInput, HttpError> {
        let mut errors = Vec::new();
        if let Some(id) = self.customer_id {
            input.customer_id = PartyId(id);
        }
        if self.date.is_some() {
            input.date = optional_date("date", self.date.as_deref(), &mut errors);
        }
        if let Some(due) = self.due_date {
            input.due_date = optional_date("due_date", due.as_deref(), &mut errors);
        }
        if let Some(e) = self.export {
            input.export = e.map(|e| export_input(e, &mut errors));
        }
        values::check(errors)?;
        if self.series.is_some() {
            input.series = self.series;
        }
        if let Some(pos) = self.place_of_supply {
            input.place_of_supply = pos;
        }
        if let Some(d) = self.deemed_export {
            input.deemed_export = d;
        }
        if let Some(lines) = self.lines {
            input.lines = lines.into_iter().map(Into::into).collect();
        }
        if let Some(notes) = self.notes {
            input.notes = notes;
        }
        Ok(input)
    }
}

/// `draft` | `issued` | `void`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusName {
    Draft,
    Issued,
    Void,
}

impl From<DocStatus> for StatusName {
    fn from(s: DocStatus) -> Self {
        match s {
            DocStatus::Draft => Self::Draft,
            DocStatus::Issued => Self::Issued,
            DocStatus::Void => Self::Void,
        }
    }
}

impl From<StatusName> for DocStatus {
    fn from(s: StatusName) -> Self {
        match s {
            StatusName::Draft => Self::Draft,
            StatusName::Issued => Self::Issued,
            StatusName::Void => Self::Void,
        }
    }
}

/// What a sales document is: `invoice` (a tax invoice), `bill_of_supply` (no line taxable),
/// `credit_note`, `debit_note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    BillOfSupply,
    CreditNote,
    DebitNote,
}

impl From<DocKind> for DocumentKind {
    fn from(k: DocKind) -> Self {
        match k {
            DocKind::Invoice => Self::Invoice,
            DocKind::BillOfSupply => Self::BillOfSupply,
            DocKind::CreditNote => Self::CreditNote,
            DocKind::DebitNote => Self::DebitNote,
        }
    }
}

/// `b2b` | `b2c` | `sez` | `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupplyTypeName {
    B2b,
    B2c,
    Sez,
    Export,
}

impl From<bahi_gst::SupplyType> for SupplyTypeName {
    fn from(t: bahi_gst::SupplyType) -> Self {
        match t {
            bahi_gst::SupplyType::B2b => Self::B2b,
            bahi_gst::SupplyType::B2c => Self::B2c,
            bahi_gst::SupplyType::Sez => Self::Sez,
            bahi_gst::SupplyType::Export => Self::Export,
        }
    }
}

/// Whether an issued invoice is paid: `unpaid`, `partially_paid`, `paid`, or `overdue` (unpaid
/// in part after its due date). Drafts and voided documents have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Unpaid,
    PartiallyPaid,
    Paid,
    Overdue,
}

#[must_use]
pub fn payment_status(doc: &SalesDocument, today: Date) -> Option<PaymentStatus> {
    if doc.status != DocStatus::Issued || doc.kind.is_note() {
        return None;
    }
    let due = doc.balance_due();
    Some(if due.get() <= 0 {
        PaymentStatus::Paid
    } else if doc.due_date.is_some_and(|d| d < today) {
        PaymentStatus::Overdue
    } else if doc.amount_paid.is_zero() {
        PaymentStatus::Unpaid
    } else {
        PaymentStatus::PartiallyPaid
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerRef {
    pub id: Uuid,
    pub name: String,
    pub gstin: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineOut {
    pub item_id: Option<Uuid>,
    pub description: String,
    pub hsn_sac: String,
    #[schema(example = "2")]
    pub quantity: String,
    pub unit: Option<String>,
    #[schema(example = "333.33")]
    pub unit_price: String,
    pub discount: String,
    pub taxable_value: String,
    #[schema(example = "18")]
    pub gst_rate: String,
    pub treatment: TreatmentName,
    pub cess_rate: String,
    pub cgst: String,
    pub sgst: String,
    pub igst: String,
    pub cess: String,
    pub total: String,
}

impl From<&SalesLine> for LineOut {
    fn from(l: &SalesLine) -> Self {
        Self {
            item_id: l.item_id.map(|i| i.0),
            description: l.description.clone(),
            hsn_sac: l.hsn_sac.as_str().to_owned(),
            quantity: l.quantity.to_string(),
            unit: l.unit.clone(),
            unit_price: l.unit_price.to_string(),
            discount: l.discount.to_string(),
            taxable_value: l.taxable_value.to_string(),
            gst_rate: l.gst_rate.to_string(),
            treatment: l.treatment.into(),
            cess_rate: l.cess_rate.to_string(),
            cgst: l.cgst.to_string(),
            sgst: l.sgst.to_string(),
            igst: l.igst.to_string(),
            cess: l.cess.to_string(),
            total: l.total.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotalsOut {
    #[schema(example = "666.66")]
    pub taxable_value: String,
    pub cgst: String,
    pub sgst: String,
    pub igst: String,
    pub cess: String,
    #[schema(example = "0.34")]
    pub round_off: String,
    #[schema(example = "787.00")]
    pub total: String,
}

impl TotalsOut {
    /// From a document's taxable value, CGST, SGST, IGST, cess, round-off and total, in that
    /// order (the columns every document stores).
    #[must_use]
    pub fn of([taxable_value, cgst, sgst, igst, cess, round_off, total]: [Paise; 7]) -> Self {
        let money = |p: Paise| p.to_string();
        Self {
            taxable_value: money(taxable_value),
            cgst: money(cgst),
            sgst: money(sgst),
            igst: money(igst),
            cess: money(cess),
            round_off: money(round_off),
            total: money(total),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExportOut {
    pub with_payment: bool,
    pub shipping_bill_no: Option<String>,
    pub shipping_bill_date: Option<String>,
    pub port_code: Option<String>,
}

/// An invoice as API.md shows it (also a bill of supply, and — with `invoice_id` — a note).
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceOut {
    pub id: Uuid,
    pub kind: DocumentKind,
    pub status: StatusName,
    pub series: String,
    /// Taken at issue; null on a draft.
    #[schema(example = "INV/26-27/0001")]
    pub number: Option<String>,
    pub date: String,
    pub due_date: Option<String>,
    pub customer: CustomerRef,
    #[schema(example = "29")]
    pub place_of_supply: String,
    pub supply_type: SupplyTypeName,
    pub reverse_charge: bool,
    pub deemed_export: bool,
    /// Issued by a composition dealer: a bill of supply that charges no tax.
    pub seller_composition: bool,
    pub export: Option<ExportOut>,
    pub lines: Vec<LineOut>,
    pub totals: TotalsOut,
    #[schema(example = "Rupees Seven Hundred Eighty Seven Only")]
    pub amount_in_words: String,
    pub amount_paid: String,
    pub balance_due: String,
    pub payment_status: Option<PaymentStatus>,
    pub notes: Option<String>,
    /// The invoice a note corrects.
    pub invoice_id: Option<Uuid>,
    /// Why a note was raised.
    pub reason: Option<String>,
    pub void_reason: Option<String>,
    pub issued_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl InvoiceOut {
    #[must_use]
    pub fn of(doc: &SalesDocument, lines: &[SalesLine], today: Date) -> Self {
        let money = |p: Paise| p.to_string();
        Self {
            id: doc.id.0,
            kind: doc.kind.into(),
            status: doc.status.into(),
            series: doc.series.clone(),
            number: doc.number.clone(),
            date: date_text(doc.date),
            due_date: doc.due_date.map(date_text),
            customer: CustomerRef {
                id: doc.customer_id.0,
                name: doc.buyer_name.clone(),
                gstin: doc.buyer_gstin.as_ref().map(ToString::to_string),
            },
            place_of_supply: doc.place_of_supply.to_string(),
            supply_type: doc.supply_type.into(),
            reverse_charge: doc.reverse_charge,
            deemed_export: doc.deemed_export,
            seller_composition: doc.seller_composition,
            export: doc.supply_type.is_zero_rated().then(|| ExportOut {
                with_payment: doc.with_payment,
                shipping_bill_no: doc.shipping_bill_no.clone(),
                shipping_bill_date: doc.shipping_bill_date.map(date_text),
                port_code: doc.port_code.clone(),
            }),
            lines: lines.iter().map(Into::into).collect(),
            totals: TotalsOut::of([
                doc.taxable_value,
                doc.cgst,
                doc.sgst,
                doc.igst,
                doc.cess,
                doc.round_off,
                doc.total,
            ]),
            amount_in_words: amount_in_words(doc.total),
            amount_paid: money(doc.amount_paid),
            balance_due: money(doc.balance_due()),
            payment_status: payment_status(doc, today),
            notes: doc.notes.clone(),
            invoice_id: doc.original_id.map(|i| i.0),
            reason: doc.reason.clone(),
            void_reason: doc.void_reason.clone(),
            issued_at: doc.issued_at.map(rfc3339),
            created_at: rfc3339(doc.created_at),
            updated_at: rfc3339(doc.updated_at),
        }
    }

    fn from_invoice(invoice: &Invoice, today: Date) -> Self {
        Self::of(&invoice.doc, &invoice.lines, today)
    }
}

/// One row of a list: the document without its lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceSummary {
    pub id: Uuid,
    pub kind: DocumentKind,
    pub status: StatusName,
    pub number: Option<String>,
    pub date: String,
    pub due_date: Option<String>,
    pub customer: CustomerRef,
    pub supply_type: SupplyTypeName,
    pub total: String,
    pub amount_paid: String,
    pub balance_due: String,
    pub payment_status: Option<PaymentStatus>,
    pub invoice_id: Option<Uuid>,
}

impl InvoiceSummary {
    #[must_use]
    pub fn of(doc: &SalesDocument, today: Date) -> Self {
        Self {
            id: doc.id.0,
            kind: doc.kind.into(),
            status: doc.status.into(),
            number: doc.number.clone(),
            date: date_text(doc.date),
            due_date: doc.due_date.map(date_text),
            customer: CustomerRef {
                id: doc.customer_id.0,
                name: doc.buyer_name.clone(),
                gstin: doc.buyer_gstin.as_ref().map(ToString::to_string),
            },
            supply_type: doc.supply_type.into(),
            total: doc.total.to_string(),
            amount_paid: doc.amount_paid.to_string(),
            balance_due: doc.balance_due().to_string(),
            payment_status: payment_status(doc, today),
            invoice_id: doc.original_id.map(|i| i.0),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceFilter {
    pub status: Option<StatusName>,
    pub customer_id: Option<Uuid>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// The start of a number, or a part of the customer's name.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

impl InvoiceFilter {
    /// The store's query for this filter and page.
    pub fn query(self, paging: &Paging, notes: bool) -> Result<DocumentQuery, HttpError> {
        let mut errors = Vec::new();
        let from = optional_date("from", self.from.as_deref(), &mut errors);
        let to = optional_date("to", self.to.as_deref(), &mut errors);
        values::check(errors)?;
        Ok(DocumentQuery {
            notes,
            status: self.status.map(Into::into),
            customer: self.customer_id.map(PartyId),
            from,
            to,
            q: self.q,
            before: before(paging)?,
            limit: paging.fetch(),
        })
    }
}

/// Where a date-sorted list's row stands (see [`Paging::before_date`]).
#[must_use]
pub fn position(doc: &SalesDocument) -> String {
    date_position(doc.date, doc.id)
}

fn before(paging: &Paging) -> Result<Option<Before>, HttpError> {
    Ok(paging
        .before_date::<DocumentId>()?
        .map(|(date, id)| Before { date, id }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VoidIn {
    /// Why the invoice is voided (kept with it).
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// Raise an invoice: a draft, or issued at once with `"issue": true`.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invoices", tag = "invoices",
    params(("org_id" = Uuid, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first answer instead of a second invoice")),
    request_body = NewInvoice,
    responses((status = 201, body = InvoiceOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewInvoice>,
) -> Result<(StatusCode, Json<InvoiceOut>), HttpError> {
    let (input, issue) = body.input()?;
    let invoice = invoices::create(&app.services, &member, &input, issue).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvoiceOut::from_invoice(&invoice, member.today())),
    ))
}

/// Invoices and bills of supply, newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/invoices", tag = "invoices",
    params(("org_id" = Uuid, Path), InvoiceFilter, PageParams),
    responses((status = 200, body = Page<InvoiceSummary>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<InvoiceFilter>,
) -> Result<Json<Page<InvoiceSummary>>, HttpError> {
    let query = filter.query(&paging, false)?;
    let rows = invoices::list(&app.services, &member, &query).await?;
    let today = member.today();
    Ok(Json(
        paging.page(rows, position, |d| InvoiceSummary::of(&d, today)),
    ))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/invoices/{id}", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
) -> Result<Json<InvoiceOut>, HttpError> {
    let invoice = invoices::get(&app.services, &member, path.id).await?;
    Ok(Json(InvoiceOut::from_invoice(&invoice, member.today())))
}

/// The invoice (or bill of supply) as a PDF: A4 or an 80 mm roll, any of the three copies; a draft prints with a DRAFT watermark and no number.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/invoices/{id}/pdf", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), PrintParams),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>,
               description = "The PDF, named by the document's number (Content-Disposition).")))]
pub async fn pdf(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    crate::print::sales::invoice(&app, &member, path.id, &params).await
}

/// Change a draft (409 once issued).
#[utoipa::path(patch, path = "/v1/orgs/{org_id}/invoices/{id}", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = InvoicePatch,
    responses((status = 200, body = InvoiceOut)))]
pub async fn update(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Json(patch): Json<InvoicePatch>,
) -> Result<Json<InvoiceOut>, HttpError> {
    let s = &app.services;
    let current = invoices::get(s, &member, path.id).await?;
    let input = patch.over(invoices::input_of(&current))?;
    let invoice = invoices::update(s, &member, path.id, &input).await?;
    Ok(Json(InvoiceOut::from_invoice(&invoice, member.today())))
}

/// Delete a draft (409 once issued: void it instead).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/invoices/{id}", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
) -> Result<StatusCode, HttpError> {
    invoices::delete(&app.services, &member, path.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue a draft: it takes its number and never changes again.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invoices/{id}/issue", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = InvoiceOut)))]
pub async fn issue(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
) -> Result<Json<InvoiceOut>, HttpError> {
    let invoice = invoices::issue(&app.services, &member, path.id).await?;
    Ok(Json(InvoiceOut::from_invoice(&invoice, member.today())))
}

/// Void an issued invoice; it keeps its number. 409 while payments are allocated to it.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invoices/{id}/void", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = VoidIn,
    responses((status = 200, body = InvoiceOut)))]
pub async fn void(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    Json(body): Json<VoidIn>,
) -> Result<Json<InvoiceOut>, HttpError> {
    let invoice = invoices::void(&app.services, &member, path.id, &body.reason).await?;
    Ok(Json(InvoiceOut::from_invoice(&invoice, member.today())))
}
