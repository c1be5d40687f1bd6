//! The returns of a period, ready to file (GST.md §7–§8): the period's documents read from the
//! store and handed to the engine's builders (`bahi_gst::returns`), so a return is exactly
//! what the engine makes of the same documents.

use std::collections::HashMap;

use bahi_gst::returns::{
    DocumentKind, DocumentStatus, ExportDetails, OriginalInvoice, PurchaseDocument, PurchaseLine,
    SalesDocument, SalesLine, gstr1, gstr3b,
};
use bahi_gst::{Gstin, HsnSac, Period};
use bahi_store::identity::OrgId;
use bahi_store::purchases::BillStatus;
use bahi_store::purchases::bills::{Bill, BillLine};
use bahi_store::returns;
use bahi_store::sales::documents::{SalesDocument as StoredDocument, SalesLine as StoredLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use time::Date;

use crate::{AtLeast, Error, Message, OrgCtx, Services, Viewer};

/// A return for a business and period: its GSTIN and the period it covers.
fn filer<R: AtLeast<Viewer>>(org: &OrgCtx<R>) -> Result<Gstin, Error> {
    org.org()
        .gstin
        .clone()
        .ok_or_else(|| Error::Conflict(Message::new("returns-need-gstin")))
}

fn last_day(period: Period) -> Date {
    let first = period.first_day();
    let days = time::util::days_in_month(first.month(), first.year());
    first.replace_day(days).unwrap_or(first)
}

/// The quantity code a line reports under: its own; for a note's line that changes a value
/// only, the one its invoice gave the same HSN, so the HSN summary nets them in one row; else
/// `NA` for services and `OTH` (others) for goods.
fn uqc(l: &StoredLine, invoiced: Option<&String>) -> String {
    match (&l.unit, invoiced) {
        (Some(unit), _) => unit.clone(),
        (None, Some(unit)) => unit.clone(),
        (None, None) if l.hsn_sac.is_service() => "NA".to_owned(),
        (None, None) => "OTH".to_owned(),
    }
}

fn sales_line(l: &StoredLine, uqc: String) -> SalesLine {
    SalesLine {
        hsn: l.hsn_sac.clone(),
        description: l.description.clone(),
        uqc,
        quantity: l.quantity,
        treatment: l.treatment,
        rate: l.gst_rate,
        taxable_value: l.taxable_value,
        igst: l.igst,
        cgst: l.cgst,
        sgst: l.sgst,
        cess: l.cess,
    }
}

fn sales_record(
    d: &StoredDocument,
    lines: Vec<SalesLine>,
    originals: &HashMap<DocumentId, StoredDocument>,
) -> SalesDocument {
    SalesDocument {
        kind: match d.kind {
            DocKind::CreditNote => DocumentKind::CreditNote,
            DocKind::DebitNote => DocumentKind::DebitNote,
            DocKind::Invoice | DocKind::BillOfSupply => DocumentKind::Invoice,
        },
        status: if d.status == DocStatus::Void {
            DocumentStatus::Void
        } else {
            DocumentStatus::Issued
        },
        number: d.number.clone().unwrap_or_default(),
        series: d.series.clone(),
        date: d.date,
        buyer_registration: d.buyer_registration,
        buyer_gstin: d.buyer_gstin.clone(),
        supply_type: d.supply_type,
        place_of_supply: d.place_of_supply,
        inter_state: d.inter_state,
        reverse_charge: d.reverse_charge,
        with_payment: d.with_payment,
        deemed_export: d.deemed_export,
        export: d.supply_type.is_zero_rated().then(|| ExportDetails {
            shipping_bill_no: d.shipping_bill_no.clone(),
            shipping_bill_date: d.shipping_bill_date,
            port_code: d.port_code.clone(),
        }),
        original: d
            .original_id
            .and_then(|id| originals.get(&id))
            .map(|o| OriginalInvoice {
                number: o.number.clone().unwrap_or_default(),
                date: o.date,
                total: o.total,
            }),
        lines,
        total: d.total,
    }
}

/// The period's sales documents as the builders read them.
async fn sales(s: &Services, org: OrgId, period: Period) -> Result<Vec<SalesDocument>, Error> {
    let (from, to) = (period.first_day(), last_day(period));
    let docs = returns::sales(&s.db, org, from, to).await?;
    let lines = returns::sales_lines(&s.db, org, from, to).await?;
    let originals: HashMap<DocumentId, StoredDocument> =
        returns::noted_invoices(&s.db, org, from, to)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    // The unit each noted invoice gave each HSN.
    let mut invoiced: HashMap<(DocumentId, HsnSac), String> = HashMap::new();
    for l in returns::noted_invoice_lines(&s.db, org, from, to).await? {
        if let Some(unit) = l.unit {
            invoiced.entry((l.document_id, l.hsn_sac)).or_insert(unit);
        }
    }
    let noted: HashMap<DocumentId, DocumentId> = docs
        .iter()
        .filter_map(|d| Some((d.id, d.original_id?)))
        .collect();
    let mut by_document: HashMap<DocumentId, Vec<SalesLine>> = HashMap::new();
    for l in &lines {
        let unit = noted
            .get(&l.document_id)
            .and_then(|original| invoiced.get(&(*original, l.hsn_sac.clone())));
        by_document
            .entry(l.document_id)
            .or_default()
            .push(sales_line(l, uqc(l, unit)));
    }
    Ok(docs
        .iter()
        .map(|d| {
            let lines = by_document.remove(&d.id).unwrap_or_default();
            sales_record(d, lines, &originals)
        })
        .collect())
}

fn purchase_line(l: &BillLine) -> PurchaseLine {
    PurchaseLine {
        treatment: l.treatment,
        rate: l.gst_rate,
        itc: l.itc,
        taxable_value: l.taxable_value,
        igst: l.igst,
        cgst: l.cgst,
        sgst: l.sgst,
        cess: l.cess,
    }
}

fn purchase_record(b: &Bill, lines: Vec<PurchaseLine>) -> PurchaseDocument {
    PurchaseDocument {
        status: if b.status == BillStatus::Void {
            DocumentStatus::Void
        } else {
            DocumentStatus::Issued
        },
        date: b.date,
        vendor_registration: b.vendor_registration,
        reverse_charge: b.reverse_charge,
        import: b.import_kind,
        inter_state: b.inter_state,
        lines,
    }
}

/// The period's purchase bills as the builders read them.
async fn purchases(
    s: &Services,
    org: OrgId,
    period: Period,
) -> Result<Vec<PurchaseDocument>, Error> {
    let (from, to) = (period.first_day(), last_day(period));
    let bills = returns::bills(&s.db, org, from, to).await?;
    let mut by_bill: HashMap<_, Vec<PurchaseLine>> = HashMap::new();
    for l in &returns::bill_lines(&s.db, org, from, to).await? {
        by_bill.entry(l.bill_id).or_default().push(purchase_line(l));
    }
    Ok(bills
        .iter()
        .map(|b| purchase_record(b, by_bill.remove(&b.id).unwrap_or_default()))
        .collect())
}

/// GSTR-1 for `period`: outward supplies, notes, the HSN summary and documents issued.
pub async fn gstr1<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr1::Gstr1, Error> {
    let gstin = filer(org)?;
    let sales = sales(s, org.org_id(), period).await?;
    Ok(gstr1::build(&gstin, period, &sales))
}

/// GSTR-3B for `period`: the summary of outward supplies, inward supplies under reverse charge
/// and input tax credit.
pub async fn gstr3b<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr3b::Gstr3b, Error> {
    let gstin = filer(org)?;
    let sales = sales(s, org.org_id(), period).await?;
    let purchases = purchases(s, org.org_id(), period).await?;
    Ok(gstr3b::build(&gstin, period, &sales, &purchases))
}

/// The HSN-wise summary of outward supplies for `period`, as GSTR-1 table 12 reports it (split
/// into B2B and B2C from May 2025).
pub async fn hsn_summary<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr1::Hsn, Error> {
    Ok(gstr1(s, org, period).await?.hsn)
}
