//! The returns of a period, ready to file (GST.md §7–§8): the period's documents read from the
//! store and handed to the engine's builders (`bahi_gst::returns`), so a return is exactly
//! what the engine makes of the same documents.

use bahi_gst::returns::{
    DocumentKind, DocumentStatus, ExportDetails, OriginalInvoice, PurchaseDocument, PurchaseLine,
    SalesDocument, SalesLine, gstr1, gstr3b,
};
use bahi_gst::{Gstin, HsnSac, Period};
use bahi_store::identity::OrgId;
use bahi_store::purchases::BillStatus;
use bahi_store::returns;
use bahi_store::sales::{DocKind, DocStatus};

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
fn uqc(unit: Option<String>, invoiced_unit: Option<String>, hsn: &HsnSac) -> String {
    match (unit, invoiced_unit) {
        (Some(unit), _) | (None, Some(unit)) => unit,
        (None, None) if hsn.is_service() => "NA".to_owned(),
        (None, None) => "OTH".to_owned(),
    }
}

fn sales_line(l: returns::SaleLine) -> SalesLine {
    SalesLine {
        uqc: uqc(l.unit, l.invoiced_unit, &l.hsn_sac),
        hsn: l.hsn_sac,
        description: l.description,
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

fn sales_record(d: returns::SaleHead, lines: Vec<returns::SaleLine>) -> SalesDocument {
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
        number: d.number.unwrap_or_default(),
        series: d.series,
        date: d.date,
        buyer_registration: d.buyer_registration,
        buyer_gstin: d.buyer_gstin,
        supply_type: d.supply_type,
        place_of_supply: d.place_of_supply,
        inter_state: d.inter_state,
        reverse_charge: d.reverse_charge,
        with_payment: d.with_payment,
        deemed_export: d.deemed_export,
        export: d.supply_type.is_zero_rated().then_some(ExportDetails {
            shipping_bill_no: d.shipping_bill_no,
            shipping_bill_date: d.shipping_bill_date,
            port_code: d.port_code,
        }),
        original: match (d.original_number, d.original_date, d.original_total) {
            (Some(number), Some(date), Some(total)) => Some(OriginalInvoice {
                number,
                date,
                total,
            }),
            _ => None,
        },
        lines: lines.into_iter().map(sales_line).collect(),
        total: d.document_total,
    }
}

/// Hands each of the period's sales documents to `each`, one at a time: the store streams
/// them, and only the document being read is held.
async fn each_sale(
    s: &Services,
    org: OrgId,
    period: Period,
    mut each: impl FnMut(&SalesDocument),
) -> Result<(), Error> {
    returns::each_sale(
        &s.db,
        org,
        period.first_day(),
        period.last_day(),
        |d, lines| each(&sales_record(d, lines)),
    )
    .await?;
    Ok(())
}

fn purchase_record(
    b: returns::PurchaseHead,
    lines: Vec<returns::PurchaseLine>,
) -> PurchaseDocument {
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
        lines: lines
            .into_iter()
            .map(|l| PurchaseLine {
                treatment: l.treatment,
                rate: l.gst_rate,
                itc: l.itc,
                taxable_value: l.taxable_value,
                igst: l.igst,
                cgst: l.cgst,
                sgst: l.sgst,
                cess: l.cess,
            })
            .collect(),
    }
}

/// Hands each of the period's purchase bills to `each`, one at a time.
async fn each_purchase(
    s: &Services,
    org: OrgId,
    period: Period,
    mut each: impl FnMut(&PurchaseDocument),
) -> Result<(), Error> {
    returns::each_purchase(
        &s.db,
        org,
        period.first_day(),
        period.last_day(),
        |b, lines| each(&purchase_record(b, lines)),
    )
    .await?;
    Ok(())
}

/// GSTR-1 for `period`: outward supplies, notes, the HSN summary and documents issued.
pub async fn gstr1<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr1::Gstr1, Error> {
    let mut builder = gstr1_builder(s, org, period).await?;
    each_sale(s, org.org_id(), period, |d| builder.add(d)).await?;
    Ok(builder.finish())
}

/// A GSTR-1 builder for `period`; for a quarter, leaving out the B2B invoices and notes of
/// months whose IFF is filed.
async fn gstr1_builder<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<gstr1::Builder, Error> {
    let furnished = super::periods::furnished_in(s, org.org_id(), period).await?;
    Ok(gstr1::Builder::new(&filer(org)?, period).furnished(furnished))
}

/// IFF for one of a quarter's first two months: its B2B invoices and notes to registered
/// persons (QRMP).
pub async fn iff<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    month: Period,
) -> Result<gstr1::Iff, Error> {
    let month = super::periods::iff_month(month)?;
    let mut builder = gstr1::Builder::new(&filer(org)?, month);
    each_sale(s, org.org_id(), month, |d| builder.add(d)).await?;
    Ok(builder.finish().into_iff())
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

/// Both returns of a period, from one pass over its documents (the returns page shows both).
pub struct Both {
    pub gstr1: gstr1::Gstr1,
    pub gstr3b: gstr3b::Gstr3b,
    /// GSTR-1's outward supplies with the B2B invoices furnished through IFF put back: what
    /// GSTR-3B 3.1 must agree with.
    pub outward: super::summary::Sums,
}

/// Both returns of `period` from one pass over its documents.
pub async fn both<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    period: Period,
) -> Result<Both, Error> {
    let furnished = super::periods::furnished_in(s, org.org_id(), period).await?;
    let gstin = filer(org)?;
    let mut one = gstr1::Builder::new(&gstin, period).furnished(furnished.iter().copied());
    // Only when IFFs left documents out: the whole GSTR-1 again, for the check against 3B.
    let mut whole = (!furnished.is_empty()).then(|| gstr1::Builder::new(&gstin, period));
    let mut three = gstr3b::Builder::new(&gstin, period);
    each_sale(s, org.org_id(), period, |d| {
        one.add(d);
        if let Some(w) = &mut whole {
            w.add(d);
        }
        three.add_sale(d);
    })
    .await?;
    each_purchase(s, org.org_id(), period, |b| three.add_purchase(b)).await?;
    let gstr1 = one.finish();
    let outward = match whole {
        Some(w) => super::summary::outward(&w.finish()),
        None => super::summary::outward(&gstr1),
    };
    Ok(Both {
        gstr1,
        gstr3b: three.finish(),
        outward,
    })
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
