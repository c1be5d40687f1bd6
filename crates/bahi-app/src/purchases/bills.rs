//! Purchase bills: the vendor's document as received. The tax heads follow the vendor's state
//! against the place of supply (imports are IGST); under reverse charge, and on imports, the
//! tax is the organisation's own to pay and the vendor is paid the value alone (GST.md §1).

use bahi_gst::returns::Itc;
use bahi_gst::settle::{Options, settle};
use bahi_gst::supply::{Import, purchase_levy};
use bahi_gst::{DocumentNumber, FinancialYear, Line, Registration, StateCode, Treatment};
use bahi_store::identity::now;
use bahi_store::keys;
use bahi_store::masters::PartyId;
use bahi_store::masters::parties;
use bahi_store::purchases::bills::{self, Bill, BillLine, BillQuery};
use bahi_store::purchases::{BillId, BillStatus};
use time::Date;

use crate::audit::{Entity, Event, record};
use crate::fields::{optional, optional_text, state_message};
use crate::returns::periods::{ReportedIn, ensure_open};
use crate::sales::LineInput;
use crate::sales::compose::{lines as compose_lines, settle_error};
use crate::sales::numbering;
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Services, Viewer};

/// A bill of entry: the customs document of an import of goods.
#[derive(Debug, Clone, Default)]
pub struct BillOfEntry {
    pub number: Option<String>,
    pub date: Option<Date>,
    pub port_code: Option<String>,
}

/// A bill as a client gives it.
#[derive(Debug, Clone)]
pub struct BillInput {
    pub vendor_id: PartyId,
    pub vendor_invoice_number: String,
    /// Today when left out.
    pub date: Option<Date>,
    pub due_date: Option<Date>,
    /// The organisation's state when left out.
    pub place_of_supply: Option<String>,
    pub reverse_charge: bool,
    pub import: Option<Import>,
    pub bill_of_entry: Option<BillOfEntry>,
    pub lines: Vec<LineInput>,
    /// Per line, `eligible` unless said.
    pub itc: Vec<Option<Itc>>,
    pub notes: Option<String>,
}

/// A bill with its lines.
#[derive(Debug, Clone)]
pub struct RecordedBill {
    pub bill: Bill,
    pub lines: Vec<BillLine>,
}

fn stored(error: bahi_store::StoreError) -> Error {
    if error.is_duplicate(&keys::PURCHASE_BILLS_VENDOR_NUMBER) {
        Error::duplicate("vendor_invoice_number", Message::new("bill-number-taken"))
    } else {
        error.into()
    }
}

/// The series of self-invoices.
pub const SELF_INVOICE_SERIES: &str = "SI";

/// Records a bill.
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &BillInput,
) -> Result<RecordedBill, Error> {
    let settings = org.org();
    let date = input.date.unwrap_or_else(|| org.today());
    let mut errors = FieldErrors::default();

    let vendor = match parties::get(&s.db, org.org_id(), input.vendor_id).await? {
        None => {
            errors.push("vendor_id", Message::new("vendor-not-found"));
            None
        }
        Some(p) if p.archived_at.is_some() => {
            errors.push("vendor_id", Message::new("customer-archived"));
            None
        }
        Some(p) if !p.kind.is_vendor() => {
            errors.push("vendor_id", Message::new("vendor-is-customer"));
            None
        }
        Some(p) => Some(p),
    };
    let number = match DocumentNumber::recorded(&input.vendor_invoice_number) {
        Ok(n) => Some(n),
        Err(e) => {
            errors.push(
                "vendor_invoice_number",
                Message::new("bill-number-invalid").arg("reason", e.to_string()),
            );
            None
        }
    };
    if let Some(due) = input.due_date
        && due < date
    {
        errors.push("due_date", Message::new("due-before-date"));
    }
    let place_of_supply = match optional(input.place_of_supply.as_ref()) {
        None => Some(settings.state_code),
        Some(text) => match StateCode::parse(&text) {
            Ok(s) if s.is_other_countries() => {
                errors.push(
                    "place_of_supply",
                    Message::new("party-state-other-countries"),
                );
                None
            }
            Ok(s) => Some(s),
            Err(e) => {
                errors.push("place_of_supply", state_message(&e));
                None
            }
        },
    };
    let registration = vendor.as_ref().map(|v| v.registration);
    if let (Some(import), Some(r)) = (input.import, registration) {
        let fits = match import {
            Import::Goods => matches!(r, Registration::Overseas | Registration::Sez),
            Import::Services => r == Registration::Overseas,
        };
        if !fits {
            errors.push(
                "import",
                Message::new("import-vendor").arg("registration", r.as_str()),
            );
        }
    }
    let entry = match (input.import, &input.bill_of_entry) {
        (Some(Import::Goods), Some(e)) => {
            let number = optional_text("bill_of_entry.number", e.number.as_ref(), 20, &mut errors);
            if number.is_none() {
                errors.push("bill_of_entry.number", Message::new("field-required"));
            }
            if e.date.is_none() {
                errors.push("bill_of_entry.date", Message::new("field-required"));
            }
            let port = optional(e.port_code.as_ref());
            if let Some(p) = &port
                && !(p.len() == 6 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
            {
                errors.push("bill_of_entry.port_code", Message::new("port-code-invalid"));
            }
            Some((number, e.date, port))
        }
        (Some(Import::Goods), None) => {
            errors.push("bill_of_entry", Message::new("bill-of-entry-required"));
            None
        }
        (_, Some(_)) => {
            errors.push("bill_of_entry", Message::new("bill-of-entry-only-goods"));
            None
        }
        (_, None) => None,
    };
    let notes = optional_text("notes", input.notes.as_ref(), 2000, &mut errors);
    let lines = compose_lines(&s.db, org.org_id(), date, &input.lines, false, &mut errors).await?;
    // Imports of services are taxed on the recipient (IGST Act s. 5(3)).
    let reverse_charge = input.reverse_charge || input.import == Some(Import::Services);
    // A composition or unregistered vendor charges no GST; the tax exists only when the
    // organisation pays it under reverse charge.
    if !reverse_charge
        && input.import.is_none()
        && matches!(
            registration,
            Some(Registration::Composition | Registration::Unregistered)
        )
    {
        for (i, l) in lines.iter().enumerate() {
            if l.line.treatment == Treatment::Taxable && !l.line.rate.is_zero() {
                errors.push(
                    format!("lines[{i}].gst_rate"),
                    Message::new("vendor-charges-no-tax"),
                );
            }
        }
    }
    errors.check()?;
    let (Some(vendor), Some(number), Some(place_of_supply)) = (vendor, number, place_of_supply)
    else {
        return Err(Error::Internal(
            "a bill checked as valid lacks a value".into(),
        ));
    };
    let vendor_state = vendor.state_code.or(vendor.billing_state_code);
    let levy = purchase_levy(vendor_state, place_of_supply, input.import);
    let engine_lines: Vec<Line> = lines.iter().map(|l| l.line.clone()).collect();
    let settlement = settle(
        &engine_lines,
        &Options {
            levy,
            round_off: settings.round_off_totals,
            reverse_charge: reverse_charge || input.import.is_some(),
        },
    )
    .map_err(|e| settle_error(&e))?;

    let at = now();
    let id = BillId::new();
    let t = &settlement.totals;
    let (entry_number, entry_date, entry_port) = entry.unwrap_or_default();
    let bill = Bill {
        id,
        org_id: org.org_id(),
        status: BillStatus::Recorded,
        vendor_id: vendor.id,
        vendor_name: vendor.name.clone(),
        vendor_registration: vendor.registration,
        vendor_gstin: vendor.gstin.clone(),
        vendor_state_code: vendor_state,
        vendor_invoice_number: number.as_str().to_owned(),
        financial_year: i64::from(FinancialYear::of(date).start_year()),
        date,
        due_date: input.due_date,
        place_of_supply,
        inter_state: levy.is_inter_state(),
        reverse_charge,
        import_kind: input.import,
        bill_of_entry_number: entry_number,
        bill_of_entry_date: entry_date,
        bill_of_entry_port: entry_port,
        notes,
        taxable_value: t.taxable_value,
        cgst: t.cgst,
        sgst: t.sgst,
        igst: t.igst,
        cess: t.cess,
        round_off: t.round_off,
        total: t.total,
        amount_paid: bahi_gst::Paise::ZERO,
        void_reason: None,
        created_by: Some(org.user().id),
        voided_at: None,
        created_at: at,
        updated_at: at,
        self_invoice_number: None,
    };
    let bill_lines: Vec<BillLine> = lines
        .iter()
        .zip(&settlement.lines)
        .enumerate()
        .map(|(i, (l, st))| BillLine {
            bill_id: id,
            position: i64::try_from(i).unwrap_or(i64::MAX),
            org_id: org.org_id(),
            item_id: l.item_id,
            description: l.description.clone(),
            hsn_sac: Some(l.hsn_sac.as_str().to_owned()),
            quantity: l.line.quantity,
            unit: l.unit.map(|u| u.as_str().to_owned()),
            unit_price: l.line.unit_price,
            discount: l.line.discount,
            gst_rate: l.line.rate,
            cess_rate: l.line.cess_rate,
            treatment: l.line.treatment,
            itc: input.itc.get(i).copied().flatten().unwrap_or(Itc::Eligible),
            taxable_value: st.taxable_value,
            cgst: st.cgst,
            sgst: st.sgst,
            igst: st.igst,
            cess: st.cess,
            total: st.total,
        })
        .collect();

    // Tax paid on reverse charge to an unregistered supplier needs an invoice of the buyer's
    // own (CGST Act s.31(3)(f)); its number is taken like a sale's, late in the transaction.
    let self_invoiced = bill.reverse_charge
        && bill.import_kind.is_none()
        && bill.vendor_registration == Registration::Unregistered;
    let self_format = if self_invoiced {
        Some(numbering::format(&s.db, org.org_id(), SELF_INVOICE_SERIES).await?)
    } else {
        None
    };
    let mut bill = bill;
    let mut tx = s.db.begin_write().await?;
    ensure_open(&mut tx, org.org_id(), date, ReportedIn::Purchases).await?;
    if let Some(format) = &self_format {
        bill.self_invoice_number = Some(
            numbering::take(&mut tx, org.org_id(), format, date)
                .await?
                .number,
        );
    }
    bills::insert(&mut tx, &bill, &bill_lines)
        .await
        .map_err(stored)?;
    let posting = crate::ledger::postings::purchase(&bill, &bill_lines);
    crate::ledger::book::post(&mut tx, org.org_id(), &posting, Some(org.user().id)).await?;
    let event = Event {
        action: "bill.create",
        entity: Entity("bill", Some(id.to_string())),
        summary: format!(
            "{} recorded the bill {} of {} for {}",
            org.user().email,
            bill.vendor_invoice_number,
            bill.vendor_name,
            bill.total
        ),
        details: details(&bill),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(RecordedBill {
        bill,
        lines: bill_lines,
    })
}

fn details(b: &Bill) -> Vec<(&'static str, String)> {
    vec![
        ("number", b.vendor_invoice_number.clone()),
        ("vendor", b.vendor_name.clone()),
        ("total", b.total.to_string()),
    ]
}

/// Voids a bill; one with payments allocated is a conflict.
pub async fn void<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: BillId,
    reason: &str,
) -> Result<RecordedBill, Error> {
    let mut errors = FieldErrors::default();
    let reason = crate::fields::name("reason", reason, 500, &mut errors);
    errors.check()?;
    let mut tx = s.db.begin_write().await?;
    let mut bill = bills::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if bill.status != BillStatus::Recorded {
        return Err(Error::Conflict(Message::new("document-not-issued")));
    }
    if bill.amount_paid.get() > 0 {
        return Err(Error::Conflict(Message::new("invoice-has-payments")));
    }
    ensure_open(&mut tx, org.org_id(), bill.date, ReportedIn::Purchases).await?;
    let at = now();
    if !bills::void(&mut tx, org.org_id(), id, &reason, at).await? {
        return Err(Error::Conflict(Message::new("document-not-issued")));
    }
    crate::ledger::book::reverse(
        &mut tx,
        org.org_id(),
        (bahi_store::ledger::Source::PurchaseBill, id.0),
        bill.date,
        Some(bill.vendor_invoice_number.clone()),
        format!("Void: {reason}"),
        Some(org.user().id),
    )
    .await?;
    bill.status = BillStatus::Void;
    bill.void_reason = Some(reason.clone());
    bill.voided_at = Some(at);
    bill.updated_at = at;
    let event = Event {
        action: "bill.void",
        entity: Entity("bill", Some(id.to_string())),
        summary: format!(
            "{} voided the bill {} of {}: {reason}",
            org.user().email,
            bill.vendor_invoice_number,
            bill.vendor_name
        ),
        details: details(&bill),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    let lines = bills::lines(&mut tx, org.org_id(), id).await?;
    tx.commit().await?;
    Ok(RecordedBill { bill, lines })
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: BillId,
) -> Result<RecordedBill, Error> {
    let bill = bills::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let lines = bills::lines(&s.db, org.org_id(), id).await?;
    Ok(RecordedBill { bill, lines })
}

pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &BillQuery,
) -> Result<Vec<Bill>, Error> {
    Ok(bills::list(&s.db, org.org_id(), query).await?)
}
