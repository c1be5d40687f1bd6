//! A bill's self-invoice: what a buyer paying tax on reverse charge to an unregistered
//! supplier issues itself (CGST Act s.31(3)(f)).

use axum::response::Response;
use bahi_app::purchases::bills;
use bahi_app::{AtLeast, Error, OrgCtx, Viewer};
use bahi_gst::Paise;
use bahi_pdf::{Document, Kind, Party, Reference};
use bahi_store::masters::parties::Party as StoredParty;
use bahi_store::purchases::BillId;
use bahi_store::purchases::bills::{Bill, BillLine};

use super::letterhead::{Letterhead, address, letterhead, seller, state};
use super::render::{PrintParams, pdf_response, rendered};
use crate::http::HttpError;
use crate::state::AppState;

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
