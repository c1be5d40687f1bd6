//! Documents as PDF (`bahi-pdf`): an invoice, bill of supply or note, a bill's self-invoice,
//! a payment's receipt. The API (`GET …/pdf`) and the pages (the download button, the preview)
//! answer with the same file: what is printed is read here from the use cases and the
//! organisation's settings, laid out off the async threads, and sent with the document's
//! number as its file name.

use std::sync::LazyLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::identity::orgs;
use bahi_app::purchases::bills;
use bahi_app::sales::invoices::Invoice;
use bahi_app::{AtLeast, Error, Message, OrgCtx, Viewer};
use bahi_gst::{Paise, StateCode, SupplyType};
use bahi_pdf::{Copy, Document, Kind, Paper, Party, Reference};
use bahi_store::identity::orgs::Organisation;
use bahi_store::masters::parties::Party as StoredParty;
use bahi_store::payments::{Direction, PaymentId, PaymentStatus};
use bahi_store::purchases::BillId;
use bahi_store::purchases::bills::{Bill, BillLine};
use bahi_store::sales::documents::{SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use serde::Deserialize;
use tokio::sync::Semaphore;
use utoipa::{IntoParams, ToSchema};

use crate::http::HttpError;
use crate::i18n::{self, Lang};
use crate::state::AppState;

/// Which copy (Rule 48): printed at the top right.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CopyName {
    Original,
    Duplicate,
    Triplicate,
}

/// `a4`, or `thermal` for an 80 mm counter printer.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormatName {
    #[default]
    A4,
    Thermal,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrintParams {
    /// Which copy of the invoice this is: `original` (for the recipient), `duplicate` (for the
    /// transporter) or `triplicate` (for the supplier).
    pub copy: Option<CopyName>,
    /// `a4` (default) or `thermal` (80 mm roll; invoices and notes).
    pub format: Option<FormatName>,
    /// `true`: sent as an attachment (a browser saves it) rather than shown.
    pub download: Option<bool>,
}

impl PrintParams {
    fn copy(&self) -> Option<Copy> {
        self.copy.map(|c| match c {
            CopyName::Original => Copy::Original,
            CopyName::Duplicate => Copy::Duplicate,
            CopyName::Triplicate => Copy::Triplicate,
        })
    }

    fn paper(&self) -> Paper {
        match self.format.unwrap_or_default() {
            FormatName::A4 => Paper::A4,
            FormatName::Thermal => Paper::Thermal,
        }
    }
}

/// Renders take a core each for some milliseconds; more at once than there are cores only
/// queue inside the blocking pool while holding its threads.
static RENDERS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

async fn rendered(
    job: impl FnOnce() -> Result<bahi_pdf::Rendered, bahi_pdf::RenderError> + Send + 'static,
) -> Result<Vec<u8>, HttpError> {
    let _permit = RENDERS
        .acquire()
        .await
        .map_err(|_| Error::Internal("the render queue is closed".into()))?;
    let out = tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| Error::Internal(format!("a render stopped: {e}")))?
        .map_err(|e| Error::Internal(e.to_string()))?;
    for warning in &out.warnings {
        tracing::warn!(%warning, "a document rendered with a warning");
    }
    Ok(out.pdf)
}

/// The stored bytes with their checked content type; never cached by shared caches.
pub fn logo_response(stored: bahi_store::identity::logos::StoredLogo) -> Response {
    let format = bahi_pdf::LogoFormat::from_content_type(&stored.content_type)
        .unwrap_or(bahi_pdf::LogoFormat::Png);
    let mut response = (StatusCode::OK, stored.data).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

/// Why a file cannot be a logo, on the `logo` field.
pub fn logo_refusal(error: bahi_pdf::LogoError) -> Error {
    let id = match error {
        bahi_pdf::LogoError::TooLarge => "logo-too-large",
        bahi_pdf::LogoError::NotAnImage => "logo-not-an-image",
        bahi_pdf::LogoError::TooManyPixels => "logo-too-many-pixels",
        bahi_pdf::LogoError::Damaged => "logo-damaged",
    };
    Error::field("logo", Message::new(id))
}

/// The PDF with its file name: `INV-26-27-0042.pdf`.
fn pdf_response(pdf: Vec<u8>, name: &str, download: bool) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let disposition = format!(
        "{}; filename=\"{safe}.pdf\"",
        if download { "attachment" } else { "inline" }
    );
    let mut response = (StatusCode::OK, pdf).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // The document page previews it in a frame of its own origin; the site's policy (no
    // framing at all) would blank the preview. Set here, the layer leaves these alone.
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'self'"),
    );
    response
}

fn state(code: StateCode) -> String {
    format!("{} ({code})", code.name())
}

fn seller(org: &Organisation) -> Party {
    Party {
        name: org.legal_name.clone(),
        trade_name: org.trade_name.clone(),
        address: org.address.clone(),
        gstin: org.gstin.as_ref().map(ToString::to_string),
        state: Some(state(org.state_code)),
        country: None,
        phone: org.phone.clone(),
        email: org.email.clone(),
    }
}

/// The supplier as the document was issued by it; documents from before the particulars were
/// copied at issue print the organisation as it is now.
fn issued_by(d: &SalesDocument, org: &Organisation) -> Party {
    let Some(name) = &d.seller_name else {
        return seller(org);
    };
    Party {
        name: name.clone(),
        trade_name: d.seller_trade_name.clone(),
        address: d.seller_address.clone(),
        gstin: d.seller_gstin.as_ref().map(ToString::to_string),
        state: d.seller_state_code.map(state),
        ..seller(org)
    }
}

/// What the business prints on every document besides its name: the logo, the bank account,
/// the terms and who signs.
struct Letterhead {
    org: Organisation,
    logo: Option<bahi_pdf::Logo>,
}

async fn letterhead<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
) -> Result<Letterhead, HttpError> {
    let org = orgs::get(&app.services, member).await?;
    let logo = bahi_app::identity::logos::get(&app.services, member)
        .await?
        .and_then(|stored| {
            let format = bahi_pdf::LogoFormat::from_content_type(&stored.content_type)?;
            Some(bahi_pdf::Logo {
                format,
                bytes: stored.data,
            })
        });
    Ok(Letterhead { org, logo })
}

/// A party's billing address, one part a line.
fn address(p: &StoredParty) -> Option<String> {
    let lines: Vec<&str> = [
        p.billing_line1.as_deref(),
        p.billing_line2.as_deref(),
        p.billing_city.as_deref(),
        p.billing_pincode.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn bank(org: &Organisation) -> Option<bahi_pdf::Bank> {
    Some(bahi_pdf::Bank {
        name: org.bank_name.clone(),
        account_number: org.bank_account_number.clone()?,
        ifsc: org.bank_ifsc.clone()?,
    })
}

fn sales_line(l: &SalesLine) -> bahi_pdf::Line {
    bahi_pdf::Line {
        description: l.description.clone(),
        hsn_sac: l.hsn_sac.to_string(),
        quantity: (l.quantity.milli() != 0).then(|| l.quantity.to_string()),
        unit: l.unit.clone(),
        unit_price: l.unit_price,
        discount: l.discount,
        taxable_value: l.taxable_value,
        gst_rate: l.gst_rate,
        cess_rate: l.cess_rate,
        cgst: l.cgst,
        sgst: l.sgst,
        igst: l.igst,
        cess: l.cess,
        total: l.total,
    }
}

fn sales_kind(d: &SalesDocument) -> Kind {
    match d.kind {
        DocKind::CreditNote => Kind::CreditNote,
        DocKind::DebitNote => Kind::DebitNote,
        DocKind::BillOfSupply => Kind::BillOfSupply,
        DocKind::Invoice if matches!(d.supply_type, SupplyType::Export | SupplyType::Sez) => {
            Kind::ExportInvoice
        }
        DocKind::Invoice => Kind::TaxInvoice,
    }
}

/// An invoice, bill of supply or note as it prints.
fn sales_document(
    invoice: &Invoice,
    original: Option<&SalesDocument>,
    head: Letterhead,
    params: &PrintParams,
) -> Document {
    let d = &invoice.doc;
    let org = &head.org;
    let zero_rated = matches!(d.supply_type, SupplyType::Export | SupplyType::Sez);
    let balance = d.balance_due();
    let upi = match (&org.upi_vpa, d.status) {
        (Some(vpa), DocStatus::Issued) if !d.kind.is_note() && balance.get() > 0 => {
            let payee = org.trade_name.as_deref().unwrap_or(&org.legal_name);
            let number = d.number.as_deref().unwrap_or_default();
            Some(bahi_pdf::Upi {
                link: bahi_app::sales::upi::pay_link(vpa, payee, balance, number),
                vpa: vpa.clone(),
                amount: balance,
            })
        }
        _ => None,
    };
    let paid = Paise::new(d.amount_paid.get() + d.amount_credited.get());
    Document {
        kind: sales_kind(d),
        copy: params.copy(),
        draft: d.status == DocStatus::Draft,
        void: d.status == DocStatus::Void,
        number: d.number.clone(),
        date: d.date,
        due_date: d.due_date,
        seller: issued_by(d, org),
        buyer: Party {
            name: d.buyer_name.clone(),
            trade_name: None,
            address: d.buyer_address.clone(),
            gstin: d.buyer_gstin.as_ref().map(ToString::to_string),
            state: d
                .buyer_state_code
                .filter(|s| !s.is_other_countries())
                .map(state),
            country: d.buyer_country.clone(),
            phone: None,
            email: None,
        },
        place_of_supply: state(d.place_of_supply),
        inter_state: d.inter_state,
        utgst: d.place_of_supply.levies_utgst(),
        reverse_charge: d.reverse_charge,
        composition: d.seller_composition,
        original: original.map(|o| Reference {
            number: o.number.clone().unwrap_or_default(),
            date: o.date,
        }),
        reason: d.reason.clone(),
        export: zero_rated.then(|| bahi_pdf::Export {
            sez: d.supply_type == SupplyType::Sez,
            with_payment: d.with_payment,
            shipping_bill_number: d.shipping_bill_no.clone(),
            shipping_bill_date: d.shipping_bill_date,
            port_code: d.port_code.clone(),
        }),
        supplier_reference: None,
        lines: invoice.lines.iter().map(sales_line).collect(),
        totals: bahi_pdf::Totals {
            taxable_value: d.taxable_value,
            cgst: d.cgst,
            sgst: d.sgst,
            igst: d.igst,
            cess: d.cess,
            round_off: d.round_off,
            total: d.total,
            paid: if d.kind == DocKind::CreditNote {
                Paise::ZERO
            } else {
                paid
            },
            balance,
        },
        bank: if d.kind == DocKind::CreditNote {
            None
        } else {
            bank(org)
        },
        upi,
        notes: d.notes.clone(),
        terms: org.invoice_terms.clone(),
        signatory: org.signatory.clone(),
        logo: head.logo,
    }
}

fn file_name(d: &SalesDocument) -> String {
    d.number
        .clone()
        .unwrap_or_else(|| format!("draft-{}", short(&d.id.to_string())))
}

/// The last twelve hex digits of an id: its random part.
fn short(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).collect();
    hex[hex.len().saturating_sub(12)..].to_ascii_uppercase()
}

/// `GET …/invoices/{id}/pdf`
pub async fn invoice<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let invoice = bahi_app::sales::invoices::get(&app.services, member, id).await?;
    sales_pdf(app, member, invoice, None, params).await
}

/// `GET …/notes/{id}/pdf`: the note with the invoice it corrects.
pub async fn note<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let note = bahi_app::sales::notes::get(&app.services, member, id).await?;
    let original = match note.doc.original_id {
        Some(o) => Some(
            bahi_app::sales::invoices::get(&app.services, member, o)
                .await?
                .doc,
        ),
        None => None,
    };
    sales_pdf(app, member, note, original, params).await
}

async fn sales_pdf<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    invoice: Invoice,
    original: Option<SalesDocument>,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let head = letterhead(app, member).await?;
    let name = file_name(&invoice.doc);
    let doc = sales_document(&invoice, original.as_ref(), head, params);
    let paper = params.paper();
    let pdf = rendered(move || bahi_pdf::document(&doc, paper)).await?;
    Ok(pdf_response(pdf, &name, params.download.unwrap_or(false)))
}

fn bill_line(l: &BillLine) -> bahi_pdf::Line {
    bahi_pdf::Line {
        description: l.description.clone(),
        hsn_sac: l.hsn_sac.clone().unwrap_or_default(),
        quantity: (l.quantity.milli() != 0).then(|| l.quantity.to_string()),
        unit: l.unit.clone(),
        unit_price: l.unit_price,
        discount: l.discount,
        taxable_value: l.taxable_value,
        gst_rate: l.gst_rate,
        cess_rate: l.cess_rate,
        cgst: l.cgst,
        sgst: l.sgst,
        igst: l.igst,
        cess: l.cess,
        total: l.total,
    }
}

/// The self-invoice of a reverse-charge purchase from an unregistered supplier: issued by the
/// organisation (as recipient) and charging the tax it pays itself.
fn self_invoice(
    bill: &Bill,
    lines: &[BillLine],
    vendor: &StoredParty,
    head: Letterhead,
) -> Document {
    let org = &head.org;
    let tax = Paise::new(bill.cgst.get() + bill.sgst.get() + bill.igst.get() + bill.cess.get());
    Document {
        kind: Kind::SelfInvoice,
        copy: None,
        draft: false,
        void: bill.status == bahi_store::purchases::BillStatus::Void,
        number: bill.self_invoice_number.clone(),
        date: bill.date,
        due_date: None,
        seller: seller(org),
        buyer: Party {
            name: bill.vendor_name.clone(),
            trade_name: None,
            address: address(vendor),
            gstin: None,
            state: bill.vendor_state_code.map(state),
            country: None,
            phone: vendor.phone.clone(),
            email: None,
        },
        place_of_supply: state(bill.place_of_supply),
        inter_state: bill.inter_state,
        utgst: bill.place_of_supply.levies_utgst(),
        reverse_charge: true,
        composition: false,
        original: None,
        reason: None,
        export: None,
        supplier_reference: Some(Reference {
            number: bill.vendor_invoice_number.clone(),
            date: bill.date,
        }),
        lines: lines.iter().map(bill_line).collect(),
        totals: bahi_pdf::Totals {
            taxable_value: bill.taxable_value,
            cgst: bill.cgst,
            sgst: bill.sgst,
            igst: bill.igst,
            cess: bill.cess,
            round_off: Paise::ZERO,
            // The invoice's value with the tax the organisation pays on it.
            total: Paise::new(bill.taxable_value.get() + tax.get()),
            paid: Paise::ZERO,
            balance: Paise::ZERO,
        },
        bank: None,
        upi: None,
        notes: bill.notes.clone(),
        terms: None,
        signatory: org.signatory.clone(),
        logo: head.logo,
    }
}

/// `GET …/bills/{id}/pdf`: a bill prints as its self-invoice; other bills are the vendor's
/// own documents and have none (404 naming why).
pub async fn bill<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: BillId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let recorded = bills::get(&app.services, member, id).await?;
    let Some(number) = recorded.bill.self_invoice_number.clone() else {
        return Err(Error::NotFound.into());
    };
    let vendor =
        bahi_app::masters::parties::get(&app.services, member, recorded.bill.vendor_id).await?;
    let head = letterhead(app, member).await?;
    let doc = self_invoice(&recorded.bill, &recorded.lines, &vendor, head);
    let paper = params.paper();
    let pdf = rendered(move || bahi_pdf::document(&doc, paper)).await?;
    Ok(pdf_response(pdf, &number, params.download.unwrap_or(false)))
}

/// `GET …/payments/{id}/pdf`: a receipt for money received, a voucher for money paid.
pub async fn payment<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: PaymentId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let recorded = bahi_app::payments::get(s, member, id).await?;
    let p = &recorded.payment;
    let party = bahi_app::masters::parties::get(s, member, p.party_id).await?;
    let mut settled = Vec::new();
    for a in &recorded.allocations {
        let (number, date) = match (a.invoice_id, a.bill_id) {
            (Some(doc), _) => {
                let d = bahi_app::sales::invoices::get(s, member, doc).await?.doc;
                (d.number.unwrap_or_default(), d.date)
            }
            (_, Some(bill)) => {
                let b = bills::get(s, member, bill).await?.bill;
                (b.vendor_invoice_number, b.date)
            }
            _ => continue,
        };
        settled.push(bahi_pdf::Settled {
            number,
            date,
            amount: a.amount,
        });
    }
    let head = letterhead(app, member).await?;
    let number = format!("P-{}", short(&p.id.to_string()));
    let receipt = bahi_pdf::Receipt {
        received: p.direction == Direction::Received,
        void: p.status == PaymentStatus::Void,
        number: number.clone(),
        date: p.date,
        business: seller(&head.org),
        counterparty: Party {
            name: party.name.clone(),
            trade_name: None,
            address: address(&party),
            gstin: party.gstin.as_ref().map(ToString::to_string),
            state: party.state_code.map(state),
            country: party.country.clone(),
            phone: None,
            email: None,
        },
        amount: p.amount,
        mode: i18n::text(
            Lang::En,
            &format!("mode-{}", p.mode.as_str().replace('_', "-")),
            &[],
        ),
        reference: p.reference.clone(),
        settled,
        unallocated: p.unallocated(),
        notes: p.notes.clone(),
        signatory: head.org.signatory.clone(),
        logo: head.logo,
    };
    let pdf = rendered(move || bahi_pdf::receipt(&receipt)).await?;
    Ok(pdf_response(pdf, &number, params.download.unwrap_or(false)))
}
