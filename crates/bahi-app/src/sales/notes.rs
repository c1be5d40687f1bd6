//! Credit and debit notes against an issued invoice, issued at once (API.md, Credit and debit
//! notes): settled with the original's place of supply and heads (GST.md §4), numbered in their
//! own series (`CN`, `DN`). Credit notes never take more, per rate and treatment, than the
//! invoice charged less what earlier credit notes took; what they credit comes off the
//! invoice's balance first.

use std::collections::BTreeMap;

use bahi_gst::settle::{Options, settle};
use bahi_gst::{Levy, Line, Paise, Rate};
use bahi_store::identity::now;
use bahi_store::sales::documents::{self, DocumentQuery, SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use time::Date;

use super::LineInput;
use super::compose::{lines as compose_lines, settle_error};
use super::invoices::{Invoice, details};
use super::numbering;
use crate::audit::{Entity, Event, record};
use crate::returns::periods::{ReportedIn, ensure_open};
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// The series of credit notes.
pub const CREDIT_NOTE_SERIES: &str = "CN";
/// The series of debit notes.
pub const DEBIT_NOTE_SERIES: &str = "DN";

/// A note as a client gives it.
#[derive(Debug, Clone)]
pub struct NoteInput {
    pub kind: DocKind,
    pub invoice_id: DocumentId,
    /// Today when left out.
    pub date: Option<Date>,
    pub reason: String,
    /// A line without a quantity changes a value only (a price revision, a discount).
    pub lines: Vec<LineInput>,
}

/// The heads the original invoice was settled with.
fn levy_of(doc: &SalesDocument) -> Levy {
    if doc.supply_type.is_zero_rated() && !doc.with_payment {
        Levy::ZeroRatedWithoutPayment
    } else if doc.inter_state {
        Levy::InterState
    } else {
        Levy::IntraState {
            utgst: doc.place_of_supply.levies_utgst(),
        }
    }
}

/// Taxable value per (treatment, rate) of some lines.
fn buckets<'a>(lines: impl Iterator<Item = &'a SalesLine>) -> BTreeMap<(&'static str, Rate), i64> {
    let mut out = BTreeMap::new();
    for l in lines {
        *out.entry((l.treatment.as_str(), l.gst_rate)).or_insert(0) += l.taxable_value.get();
    }
    out
}

/// Issues a credit or debit note against an issued invoice.
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &NoteInput,
) -> Result<Invoice, Error> {
    if !input.kind.is_note() {
        return Err(Error::field("kind", Message::new("note-kind")));
    }
    let mut errors = FieldErrors::default();
    let original = documents::get(&s.db, org.org_id(), input.invoice_id)
        .await?
        .filter(|d| !d.kind.is_note() && d.status == DocStatus::Issued);
    let Some(original) = original else {
        return Err(Error::field(
            "invoice_id",
            Message::new("note-invoice-not-issued"),
        ));
    };
    let settings = org.org();
    let date = input.date.unwrap_or_else(|| org.today());
    if date < original.date {
        errors.push("date", Message::new("note-before-invoice"));
    }
    let reason = crate::fields::name("reason", &input.reason, 500, &mut errors);
    let lines = compose_lines(&s.db, org.org_id(), date, &input.lines, true, &mut errors).await?;
    errors.check()?;

    let engine_lines: Vec<Line> = lines.iter().map(|l| l.line.clone()).collect();
    let settlement = settle(
        &engine_lines,
        &Options {
            levy: levy_of(&original),
            round_off: settings.round_off_totals,
            reverse_charge: false,
        },
    )
    .map_err(|e| settle_error(&e))?;
    let id = DocumentId::new();
    let composed = super::compose::Composed {
        customer: bahi_store::masters::parties::get(&s.db, org.org_id(), original.customer_id)
            .await?
            .ok_or(Error::NotFound)?,
        place_of_supply: original.place_of_supply,
        supply_type: original.supply_type,
        levy: levy_of(&original),
        with_payment: original.with_payment,
        export: None,
        deemed_export: original.deemed_export,
        composition: false,
        lines,
        settlement,
    };
    let note_lines = composed.stored_lines(org.org_id(), id);

    let original_lines = documents::lines(&s.db, org.org_id(), original.id).await?;
    if input.kind == DocKind::CreditNote {
        let mut errors = FieldErrors::default();
        let invoiced = buckets(original_lines.iter());
        let mut earlier = Vec::new();
        for n in documents::notes_of(&s.db, org.org_id(), original.id).await? {
            if n.kind == DocKind::CreditNote {
                earlier.extend(documents::lines(&s.db, org.org_id(), n.id).await?);
            }
        }
        let credited = buckets(earlier.iter());
        let mut asked: BTreeMap<(&'static str, Rate), i64> = BTreeMap::new();
        for (i, l) in note_lines.iter().enumerate() {
            let key = (l.treatment.as_str(), l.gst_rate);
            *asked.entry(key).or_insert(0) += l.taxable_value.get();
            let limit = invoiced.get(&key).copied().unwrap_or(0);
            let left = limit - credited.get(&key).copied().unwrap_or(0);
            if asked[&key] > left {
                let message = if limit == 0 {
                    Message::new("note-rate-not-on-invoice").arg("rate", l.gst_rate.to_string())
                } else {
                    Message::new("credit-exceeds-invoice")
                        .arg("rate", l.gst_rate.to_string())
                        .arg("left", Paise::new(left.max(0)).to_inr())
                };
                errors.push(format!("lines[{i}]"), message);
            }
        }
        errors.check()?;
    }

    let (kind, series) = match input.kind {
        DocKind::CreditNote => (DocKind::CreditNote, CREDIT_NOTE_SERIES),
        _ => (DocKind::DebitNote, DEBIT_NOTE_SERIES),
    };
    let format = numbering::format(&s.db, org.org_id(), series).await?;
    let at = now();
    let t = &composed.settlement.totals;
    let mut doc = SalesDocument {
        id,
        kind,
        status: DocStatus::Draft,
        series: format.series().to_owned(),
        number: None,
        financial_year: None,
        date,
        due_date: None,
        original_id: Some(original.id),
        reason: Some(reason),
        notes: None,
        taxable_value: t.taxable_value,
        cgst: t.cgst,
        sgst: t.sgst,
        igst: t.igst,
        cess: t.cess,
        round_off: t.round_off,
        total: t.total,
        amount_paid: Paise::ZERO,
        amount_credited: Paise::ZERO,
        void_reason: None,
        created_by: Some(org.user().id),
        issued_at: None,
        voided_at: None,
        created_at: at,
        updated_at: at,
        ..original.clone()
    };

    let _turn = s.number_turns.wait(org.org_id()).await;
    let mut tx = s.db.begin_write().await?;
    ensure_open(&mut tx, org.org_id(), date, ReportedIn::Sales).await?;
    if kind == DocKind::CreditNote {
        // What the customer still owes on the invoice is reduced first; any rest is theirs to
        // be refunded or kept as credit.
        let current = documents::get(&mut tx, org.org_id(), original.id)
            .await?
            .ok_or(Error::NotFound)?;
        let applied = Paise::new(doc.total.get().min(current.balance_due().get().max(0)));
        if applied.get() > 0
            && !documents::credit(&mut tx, org.org_id(), original.id, applied, at).await?
        {
            return Err(Error::Conflict(Message::new("allocation-over-due-now")));
        }
    }
    numbering::number(&mut tx, org.org_id(), &mut doc, &format).await?;
    documents::insert(&mut tx, &doc, &note_lines).await?;
    let posting = crate::ledger::postings::sale(&doc, &note_lines);
    crate::ledger::book::post(&mut tx, org.org_id(), &posting, Some(org.user().id)).await?;
    let what = if kind == DocKind::CreditNote {
        "credit"
    } else {
        "debit"
    };
    let event = Event {
        action: "note.issue",
        entity: Entity("note", Some(id.to_string())),
        summary: format!(
            "{} issued the {what} note {} against {} for {}",
            org.user().email,
            doc.number.as_deref().unwrap_or_default(),
            original.number.as_deref().unwrap_or_default(),
            doc.total
        ),
        details: details(&doc),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(Invoice {
        doc,
        lines: note_lines,
    })
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
) -> Result<Invoice, Error> {
    let doc = documents::get(&s.db, org.org_id(), id)
        .await?
        .filter(|d| d.kind.is_note())
        .ok_or(Error::NotFound)?;
    let lines = documents::lines(&s.db, org.org_id(), id).await?;
    Ok(Invoice { doc, lines })
}

/// Credit and debit notes, newest first.
pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &DocumentQuery,
) -> Result<Vec<SalesDocument>, Error> {
    let query = DocumentQuery {
        notes: true,
        ..query.clone()
    };
    Ok(documents::list(&s.db, org.org_id(), &query).await?)
}

/// The notes raised against one invoice, in the order they were issued.
pub async fn of_invoice<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    invoice: DocumentId,
) -> Result<Vec<SalesDocument>, Error> {
    Ok(documents::notes_of(&s.db, org.org_id(), invoice).await?)
}
