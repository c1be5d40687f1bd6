//! Tax invoices and bills of supply: drafts that can be changed or deleted, issue (the number is
//! taken in the issuing transaction), and void (the number is kept). An issued document never
//! changes again, except for what payments record against it.

use bahi_gst::NumberFormat;
use bahi_store::WriteTx;
use bahi_store::identity::now;
use bahi_store::ledger::Source;
use bahi_store::masters::PartyId;
use bahi_store::sales::documents::{self, DocumentQuery, SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use time::Date;

use super::compose::{self, Composed, ExportInput, LineInput, SaleInput};
use super::numbering;
use crate::audit::{Entity, Event, record};
use crate::fields::optional_text;
use crate::ledger;
use crate::returns::periods::{ReportedIn, ensure_open};
use crate::{
    Accountant, AtLeast, Error, FieldErrors, Message, MinimumRole, OrgCtx, Services, Viewer,
};

/// The series of tax invoices unless the client names another.
pub const INVOICE_SERIES: &str = "INV";
/// The series of bills of supply unless the client names another.
pub const BILL_OF_SUPPLY_SERIES: &str = "BOS";

/// An invoice as a client gives it.
#[derive(Debug, Clone)]
pub struct InvoiceInput {
    pub customer_id: PartyId,
    /// Today (where the business is) when left out.
    pub date: Option<Date>,
    pub due_date: Option<Date>,
    /// `INV` (or `BOS` for a bill of supply) when left out.
    pub series: Option<String>,
    /// From the customer when left out.
    pub place_of_supply: Option<String>,
    /// For overseas and SEZ customers.
    pub export: Option<ExportInput>,
    pub deemed_export: bool,
    pub lines: Vec<LineInput>,
    pub notes: Option<String>,
}

/// A document with its lines.
#[derive(Debug, Clone)]
pub struct Invoice {
    pub doc: SalesDocument,
    pub lines: Vec<SalesLine>,
}

/// A composed, not yet stored, document.
struct Prepared {
    doc: SalesDocument,
    lines: Vec<SalesLine>,
    format: NumberFormat,
}

/// Checks the input and composes the document (a draft) with id `id`.
async fn prepare<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
    input: &InvoiceInput,
) -> Result<Prepared, Error> {
    let settings = org.org();
    let date = input.date.unwrap_or_else(|| org.today());
    let mut errors = FieldErrors::default();
    if let Some(due) = input.due_date
        && due < date
    {
        errors.push("due_date", Message::new("due-before-date"));
    }
    let notes = optional_text("notes", input.notes.as_ref(), 2000, &mut errors);
    let series = input
        .series
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let format = match series {
        Some(name) => match numbering::format(&s.db, org.org_id(), name).await {
            Ok(f) => Some(f),
            Err(Error::Invalid(mut e)) => {
                errors.0.append(&mut e);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    let composed = compose::sale(
        &s.db,
        org.org_id(),
        settings.state_code,
        settings.round_off_totals,
        &SaleInput {
            composition: settings.composition,
            customer_id: input.customer_id,
            date,
            place_of_supply: input.place_of_supply.as_deref(),
            export: input.export.as_ref(),
            deemed_export: input.deemed_export,
            lines: &input.lines,
        },
    )
    .await;
    let composed = match composed {
        Ok(c) => Some(c),
        Err(Error::Invalid(mut e)) => {
            errors.0.append(&mut e);
            None
        }
        Err(e) => return Err(e),
    };
    errors.check()?;
    let Some(composed) = composed else {
        return Err(Error::Internal("a checked invoice was not composed".into()));
    };
    let kind = composed.kind();
    let format = match format {
        Some(f) => f,
        None => {
            let series = match kind {
                DocKind::BillOfSupply => BILL_OF_SUPPLY_SERIES,
                _ => INVOICE_SERIES,
            };
            numbering::format(&s.db, org.org_id(), series).await?
        }
    };
    let lines = composed.stored_lines(org.org_id(), id);
    let doc = document(
        org,
        id,
        kind,
        &format,
        date,
        input.due_date,
        notes,
        &composed,
    );
    Ok(Prepared { doc, lines, format })
}

#[allow(clippy::too_many_arguments)]
fn document<R: MinimumRole>(
    org: &OrgCtx<R>,
    id: DocumentId,
    kind: DocKind,
    format: &NumberFormat,
    date: Date,
    due_date: Option<Date>,
    notes: Option<String>,
    c: &Composed,
) -> SalesDocument {
    let at = now();
    let t = &c.settlement.totals;
    let buyer = &c.customer;
    let seller = org.org();
    let address = buyer.billing_lines().join(", ");
    let export = c.export.as_ref();
    SalesDocument {
        id,
        org_id: org.org_id(),
        kind,
        status: DocStatus::Draft,
        series: format.series().to_owned(),
        number: None,
        financial_year: None,
        date,
        due_date,
        customer_id: buyer.id,
        buyer_name: buyer.name.clone(),
        buyer_registration: buyer.registration,
        buyer_gstin: buyer.gstin.clone(),
        buyer_state_code: buyer.state_code.or(buyer.billing_state_code),
        buyer_address: (!address.is_empty()).then_some(address),
        buyer_country: buyer.country.clone(),
        place_of_supply: c.place_of_supply,
        supply_type: c.supply_type,
        inter_state: c.levy.is_inter_state(),
        with_payment: c.with_payment,
        deemed_export: c.deemed_export,
        reverse_charge: false,
        shipping_bill_no: export.and_then(|e| e.shipping_bill_no.clone()),
        shipping_bill_date: export.and_then(|e| e.shipping_bill_date),
        port_code: export.and_then(|e| e.port_code.clone()),
        original_id: None,
        reason: None,
        notes,
        taxable_value: t.taxable_value,
        cgst: t.cgst,
        sgst: t.sgst,
        igst: t.igst,
        cess: t.cess,
        round_off: t.round_off,
        total: t.total,
        amount_paid: bahi_gst::Paise::ZERO,
        amount_credited: bahi_gst::Paise::ZERO,
        void_reason: None,
        created_by: Some(org.user().id),
        issued_at: None,
        voided_at: None,
        created_at: at,
        updated_at: at,
        seller_composition: c.composition,
        seller_name: Some(seller.legal_name.clone()),
        seller_trade_name: seller.trade_name.clone(),
        seller_gstin: seller.gstin.clone(),
        seller_address: seller.address.clone(),
        seller_state_code: Some(seller.state_code),
    }
}

pub(crate) fn what(doc: &SalesDocument) -> &'static str {
    match doc.kind {
        DocKind::BillOfSupply => "bill of supply",
        DocKind::CreditNote => "credit note",
        DocKind::DebitNote => "debit note",
        DocKind::Invoice => "invoice",
    }
}

pub(crate) fn details(doc: &SalesDocument) -> Vec<(&'static str, String)> {
    vec![
        ("number", doc.number.clone().unwrap_or_default()),
        ("customer", doc.buyer_name.clone()),
        ("total", doc.total.to_string()),
    ]
}

/// Takes the number and marks the stored draft issued, with its audit event: the serialised
/// part of issuing (the counter row and the audit chain's head), kept to the end of the
/// transaction.
async fn issue_in<R: AtLeast<Accountant>>(
    s: &Services,
    tx: &mut WriteTx,
    org: &OrgCtx<R>,
    doc: &mut SalesDocument,
    lines: &[SalesLine],
    format: &NumberFormat,
) -> Result<(), Error> {
    numbering::mark_issued(tx, org.org_id(), doc, format).await?;
    let posting = ledger::postings::sale(doc, lines);
    ledger::book::post(tx, org.org_id(), &posting, Some(org.user().id)).await?;
    record(
        s,
        tx,
        &org.audit_actor(),
        Some(org.org_id()),
        issue_event(org, doc),
    )
    .await
}

fn issue_event<R: MinimumRole>(org: &OrgCtx<R>, doc: &SalesDocument) -> Event<'static> {
    Event {
        action: "invoice.issue",
        entity: Entity("invoice", Some(doc.id.to_string())),
        summary: format!(
            "{} issued the {} {} to {} for {}",
            org.user().email,
            what(doc),
            doc.number.as_deref().unwrap_or_default(),
            doc.buyer_name,
            doc.total
        ),
        details: details(doc),
    }
}

/// The document `input` would make, computed and not stored (the form's totals as lines change).
pub async fn preview<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &InvoiceInput,
) -> Result<Invoice, Error> {
    let Prepared { doc, lines, .. } = prepare(s, org, DocumentId::new(), input).await?;
    Ok(Invoice { doc, lines })
}

/// Creates an invoice: a draft, or issued at once (`issue`).
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &InvoiceInput,
    issue: bool,
) -> Result<Invoice, Error> {
    let Prepared {
        mut doc,
        lines,
        format,
    } = prepare(s, org, DocumentId::new(), input).await?;
    let _turn = if issue {
        Some(s.number_turns.wait(org.org_id()).await)
    } else {
        None
    };
    let mut tx = s.db.begin_write().await?;
    ensure_open(&mut tx, org.org_id(), doc.date, ReportedIn::Sales).await?;
    if issue {
        // Numbered before it is written: one INSERT of the issued document, no UPDATE after.
        numbering::number(&mut tx, org.org_id(), &mut doc, &format).await?;
        documents::insert(&mut tx, &doc, &lines).await?;
        let posting = ledger::postings::sale(&doc, &lines);
        ledger::book::post(&mut tx, org.org_id(), &posting, Some(org.user().id)).await?;
        record(
            s,
            &mut tx,
            &org.audit_actor(),
            Some(org.org_id()),
            issue_event(org, &doc),
        )
        .await?;
    } else {
        documents::insert(&mut tx, &doc, &lines).await?;
        let event = Event {
            action: "invoice.create",
            entity: Entity("invoice", Some(doc.id.to_string())),
            summary: format!(
                "{} drafted an {} to {} for {}",
                org.user().email,
                what(&doc),
                doc.buyer_name,
                doc.total
            ),
            details: details(&doc),
        };
        record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    }
    tx.commit().await?;
    if issue {
        s.counters.invoice_issued();
    }
    Ok(Invoice { doc, lines })
}

async fn draft<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<Invoice, Error> {
    let invoice = fetch(s, org, id).await?;
    if invoice.doc.status != DocStatus::Draft {
        return Err(Error::Conflict(Message::new("document-not-draft")));
    }
    Ok(invoice)
}

/// Replaces a draft with `input`.
pub async fn update<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
    input: &InvoiceInput,
) -> Result<Invoice, Error> {
    let current = draft(s, org, id).await?;
    let Prepared { mut doc, lines, .. } = prepare(s, org, id, input).await?;
    doc.created_at = current.doc.created_at;
    doc.created_by = current.doc.created_by;
    let mut tx = s.db.begin_write().await?;
    ensure_open(&mut tx, org.org_id(), doc.date, ReportedIn::Sales).await?;
    if !documents::replace_draft(&mut tx, &doc, &lines).await? {
        return Err(Error::Conflict(Message::new("document-not-draft")));
    }
    let event = Event {
        action: "invoice.update",
        entity: Entity("invoice", Some(id.to_string())),
        summary: format!(
            "{} changed a draft {} to {}",
            org.user().email,
            what(&doc),
            doc.buyer_name
        ),
        details: details(&doc),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(Invoice { doc, lines })
}

/// Issues a draft: composed again from its lines with the customer's particulars as they are
/// now, then numbered.
pub async fn issue<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<Invoice, Error> {
    let current = draft(s, org, id).await?;
    let input = input_of(&current);
    let Prepared {
        mut doc,
        lines,
        format,
    } = prepare(s, org, id, &input).await?;
    doc.created_at = current.doc.created_at;
    doc.created_by = current.doc.created_by;
    let _turn = s.number_turns.wait(org.org_id()).await;
    let mut tx = s.db.begin_write().await?;
    ensure_open(&mut tx, org.org_id(), doc.date, ReportedIn::Sales).await?;
    if !documents::replace_draft(&mut tx, &doc, &lines).await? {
        return Err(Error::Conflict(Message::new("document-not-draft")));
    }
    issue_in(s, &mut tx, org, &mut doc, &lines, &format).await?;
    tx.commit().await?;
    s.counters.invoice_issued();
    Ok(Invoice { doc, lines })
}

/// Voids an issued invoice; it keeps its number. One with payments allocated is a conflict.
pub async fn void<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
    reason: &str,
) -> Result<Invoice, Error> {
    let mut errors = FieldErrors::default();
    let reason = crate::fields::name("reason", reason, 500, &mut errors);
    errors.check()?;
    let mut tx = s.db.begin_write().await?;
    let mut doc = documents::get(&mut tx, org.org_id(), id)
        .await?
        .filter(|d| !d.kind.is_note())
        .ok_or(Error::NotFound)?;
    if doc.status != DocStatus::Issued {
        return Err(Error::Conflict(Message::new("document-not-issued")));
    }
    if doc.amount_paid.get() > 0 {
        return Err(Error::Conflict(Message::new("invoice-has-payments")));
    }
    if !documents::notes_of(&mut tx, org.org_id(), id)
        .await?
        .is_empty()
    {
        return Err(Error::Conflict(Message::new("invoice-has-notes")));
    }
    ensure_open(&mut tx, org.org_id(), doc.date, ReportedIn::Sales).await?;
    let at = now();
    if !documents::void(&mut tx, org.org_id(), id, &reason, at).await? {
        return Err(Error::Conflict(Message::new("document-not-issued")));
    }
    // The reversal carries the invoice's own date: the books then agree with the returns, which
    // leave a void invoice out of its period (voiding into a filed period is refused above).
    ledger::book::reverse(
        &mut tx,
        org.org_id(),
        (Source::SalesDocument, id.0),
        doc.date,
        doc.number.clone(),
        format!("Void: {reason}"),
        Some(org.user().id),
    )
    .await?;
    doc.status = DocStatus::Void;
    doc.void_reason = Some(reason.clone());
    doc.voided_at = Some(at);
    doc.updated_at = at;
    let event = Event {
        action: "invoice.void",
        entity: Entity("invoice", Some(id.to_string())),
        summary: format!(
            "{} voided the {} {}: {reason}",
            org.user().email,
            what(&doc),
            doc.number.as_deref().unwrap_or_default()
        ),
        details: details(&doc),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    let lines = documents::lines(&mut tx, org.org_id(), id).await?;
    tx.commit().await?;
    Ok(Invoice { doc, lines })
}

/// Deletes a draft (an issued invoice is voided instead).
pub async fn delete<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<(), Error> {
    let current = draft(s, org, id).await?;
    let mut tx = s.db.begin_write().await?;
    if !documents::delete_draft(&mut tx, org.org_id(), id).await? {
        return Err(Error::Conflict(Message::new("document-not-draft")));
    }
    let event = Event {
        action: "invoice.delete",
        entity: Entity("invoice", Some(id.to_string())),
        summary: format!(
            "{} deleted a draft {} to {}",
            org.user().email,
            what(&current.doc),
            current.doc.buyer_name
        ),
        details: details(&current.doc),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// An invoice or bill of supply with its lines.
pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<Invoice, Error> {
    fetch(s, org, id).await
}

async fn fetch<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<Invoice, Error> {
    let doc = documents::get(&s.db, org.org_id(), id)
        .await?
        .filter(|d| !d.kind.is_note())
        .ok_or(Error::NotFound)?;
    let lines = documents::lines(&s.db, org.org_id(), id).await?;
    Ok(Invoice { doc, lines })
}

/// Invoices and bills of supply, newest first.
pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &DocumentQuery,
) -> Result<Vec<SalesDocument>, Error> {
    let query = DocumentQuery {
        notes: false,
        ..query.clone()
    };
    Ok(documents::list(&s.db, org.org_id(), &query).await?)
}

/// The input that would compose this document again (for changing a draft a field at a time).
#[must_use]
pub fn input_of(invoice: &Invoice) -> InvoiceInput {
    let d = &invoice.doc;
    let zero_rated = d.supply_type.is_zero_rated();
    InvoiceInput {
        customer_id: d.customer_id,
        date: Some(d.date),
        due_date: d.due_date,
        series: Some(d.series.clone()),
        place_of_supply: Some(d.place_of_supply.to_string()),
        export: zero_rated.then(|| ExportInput {
            with_payment: d.with_payment,
            shipping_bill_no: d.shipping_bill_no.clone(),
            shipping_bill_date: d.shipping_bill_date,
            port_code: d.port_code.clone(),
        }),
        deemed_export: d.deemed_export,
        lines: invoice.lines.iter().map(line_input).collect(),
        notes: d.notes.clone(),
    }
}

fn line_input(l: &SalesLine) -> LineInput {
    LineInput {
        item_id: l.item_id,
        description: Some(l.description.clone()),
        hsn_sac: Some(l.hsn_sac.as_str().to_owned()),
        quantity: Some(l.quantity.to_string()),
        unit: l.unit.clone(),
        unit_price: Some(l.unit_price.to_string()),
        discount: Some(l.discount.to_string()),
        gst_rate: Some(l.gst_rate.to_string()),
        treatment: Some(l.treatment),
        cess_rate: Some(l.cess_rate.to_string()),
    }
}
