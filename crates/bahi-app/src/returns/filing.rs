//! The returns of a period, ready to file (GST.md §7–§8): the period's documents read from the
//! store and handed to the engine's builders (`bahi_gst::returns`), so a return is exactly
//! what the engine makes of the same documents.

use bahi_gst::returns::{
    DocumentKind, DocumentStatus, ExportDetails, OriginalInvoice, PurchaseDocument, PurchaseLine,
    SalesDocument, SalesLine, gstr1, gstr3b,
};
use bahi_gst::{Gstin, Period};
use bahi_store::identity::OrgId;
use bahi_store::purchases::{BillId, BillStatus};
use bahi_store::returns::{self, PurchaseEntry, SaleEntry};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};

use crate::{AtLeast, Error, Message, OrgCtx, Services, Viewer};

/// A return for a business and period: its GSTIN and the period it covers.
fn filer<R: AtLeast<Viewer>>(org: &OrgCtx<R>) -> Result<Gstin, Error> {
    org.org()
        .gstin
        .clone()
        .ok_or_else(|| Error::Conflict(Message::new("returns-need-gstin")))
}

/// The quantity code a line reports under: its own; for a note's line that changes a value
/// only, the one its invoice gave the same HSN, so the HSN summary nets them in one row; else
/// `NA` for services and `OTH` (others) for goods.
fn uqc(e: &SaleEntry) -> String {
    match (&e.unit, &e.invoiced_unit) {
        (Some(unit), _) | (None, Some(unit)) => unit.clone(),
        (None, None) if e.hsn_sac.is_service() => "NA".to_owned(),
        (None, None) => "OTH".to_owned(),
    }
}

fn sales_line(e: &SaleEntry) -> SalesLine {
    SalesLine {
        hsn: e.hsn_sac.clone(),
        description: e.description.clone(),
        uqc: uqc(e),
        quantity: e.quantity,
        treatment: e.treatment,
        rate: e.gst_rate,
        taxable_value: e.taxable_value,
        igst: e.igst,
        cgst: e.cgst,
        sgst: e.sgst,
        cess: e.cess,
    }
}

/// The document of `e`, with `e`'s line as its first.
fn sales_record(e: SaleEntry) -> SalesDocument {
    let line = sales_line(&e);
    SalesDocument {
        kind: match e.kind {
            DocKind::CreditNote => DocumentKind::CreditNote,
            DocKind::DebitNote => DocumentKind::DebitNote,
            DocKind::Invoice | DocKind::BillOfSupply => DocumentKind::Invoice,
        },
        status: if e.status == DocStatus::Void {
            DocumentStatus::Void
        } else {
            DocumentStatus::Issued
        },
        number: e.number.unwrap_or_default(),
        series: e.series,
        date: e.date,
        buyer_registration: e.buyer_registration,
        buyer_gstin: e.buyer_gstin,
        supply_type: e.supply_type,
        place_of_supply: e.place_of_supply,
        inter_state: e.inter_state,
        reverse_charge: e.reverse_charge,
        with_payment: e.with_payment,
        deemed_export: e.deemed_export,
        export: e.supply_type.is_zero_rated().then_some(ExportDetails {
            shipping_bill_no: e.shipping_bill_no,
            shipping_bill_date: e.shipping_bill_date,
            port_code: e.port_code,
        }),
        original: match (e.original_number, e.original_date, e.original_total) {
            (Some(number), Some(date), Some(total)) => Some(OriginalInvoice {
                number,
                date,
                total,
            }),
            _ => None,
        },
        lines: vec![line],
        total: e.document_total,
    }
}

/// Hands each of the period's sales documents to `each`, one at a time: the store streams
/// their lines, a document's together, and only the document being gathered is held.
async fn each_sale(
    s: &Services,
    org: OrgId,
    period: Period,
    mut each: impl FnMut(&SalesDocument),
) -> Result<(), Error> {
    let mut current: Option<(DocumentId, SalesDocument)> = None;
    returns::each_sale(
        &s.db,
        org,
        period.first_day(),
        period.last_day(),
        |e| match &mut current {
            Some((id, doc)) if *id == e.document_id => doc.lines.push(sales_line(&e)),
            _ => {
                let id = e.document_id;
                if let Some((_, done)) = current.replace((id, sales_record(e))) {
                    each(&done);
                }
            }
        },
    )
    .await?;
    if let Some((_, done)) = current {
        each(&done);
    }
    Ok(())
}

fn purchase_line(e: &PurchaseEntry) -> PurchaseLine {
    PurchaseLine {
        treatment: e.treatment,
        rate: e.gst_rate,
        itc: e.itc,
        taxable_value: e.taxable_value,
        igst: e.igst,
        cgst: e.cgst,
        sgst: e.sgst,
        cess: e.cess,
    }
}

/// Hands each of the period's purchase bills to `each`, one at a time.
async fn each_purchase(
    s: &Services,
    org: OrgId,
    period: Period,
    mut each: impl FnMut(&PurchaseDocument),
) -> Result<(), Error> {
    let mut current: Option<(BillId, PurchaseDocument)> = None;
    returns::each_purchase(
        &s.db,
        org,
        period.first_day(),
        period.last_day(),
        |e| match &mut current {
            Some((id, bill)) if *id == e.bill_id => bill.lines.push(purchase_line(&e)),
            _ => {
                let bill = PurchaseDocument {
                    status: if e.status == BillStatus::Void {
                        DocumentStatus::Void
                    } else {
                        DocumentStatus::Issued
                    },
                    date: e.date,
                    vendor_registration: e.vendor_registration,
                    reverse_charge: e.reverse_charge,
                    import: e.import_kind,
                    inter_state: e.inter_state,
                    lines: vec![purchase_line(&e)],
                };
                if let Some((_, done)) = current.replace((e.bill_id, bill)) {
                    each(&done);
                }
            }
        },
    )
    .await?;
    if let Some((_, done)) = current {
        each(&done);
    }
    Ok(())
}

/// GSTR-1 for `period`: outward supplies, notes, the HSN summary and documents issued.
pub async fn gstr1<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr1::Gstr1, Error> {
    let mut builder = gstr1::Builder::new(&filer(org)?, period);
    each_sale(s, org.org_id(), period, |d| builder.add(d)).await?;
    Ok(builder.finish())
}

/// GSTR-3B for `period`: the summary of outward supplies, inward supplies under reverse charge
/// and input tax credit.
pub async fn gstr3b<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr3b::Gstr3b, Error> {
    let mut builder = gstr3b::Builder::new(&filer(org)?, period);
    each_sale(s, org.org_id(), period, |d| builder.add_sale(d)).await?;
    each_purchase(s, org.org_id(), period, |b| builder.add_purchase(b)).await?;
    Ok(builder.finish())
}

/// Both returns of `period` from one pass over its documents (the returns page shows both).
pub async fn both<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<(gstr1::Gstr1, gstr3b::Gstr3b), Error> {
    let gstin = filer(org)?;
    let mut one = gstr1::Builder::new(&gstin, period);
    let mut three = gstr3b::Builder::new(&gstin, period);
    each_sale(s, org.org_id(), period, |d| {
        one.add(d);
        three.add_sale(d);
    })
    .await?;
    each_purchase(s, org.org_id(), period, |b| three.add_purchase(b)).await?;
    Ok((one.finish(), three.finish()))
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
