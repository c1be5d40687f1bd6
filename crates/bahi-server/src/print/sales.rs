//! Invoices, bills of supply and credit and debit notes as they print.

use axum::response::Response;
use bahi_app::sales::invoices::Invoice;
use bahi_app::{AtLeast, OrgCtx, Viewer};
use bahi_gst::{Paise, SupplyType};
use bahi_pdf::{Document, Kind, Party, Reference};
use bahi_store::identity::orgs::Organisation;
use bahi_store::sales::documents::{SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};

use super::letterhead::{Letterhead, bank, letterhead, logo_of, seller, state};
use super::render::{PrintParams, pdf_response, rendered, short};
use crate::http::HttpError;
use crate::state::AppState;

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
        DocKind::Invoice if d.supply_type.is_zero_rated() => Kind::ExportInvoice,
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
    let zero_rated = d.supply_type.is_zero_rated();
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

/// `GET …/invoices/{id}/pdf`
pub async fn invoice<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let (pdf, name) = invoice_file(app, member, id, params).await?;
    Ok(pdf_response(pdf, &name, params.download.unwrap_or(false)))
}

/// `GET …/notes/{id}/pdf`: the note with the invoice it corrects.
pub async fn note<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let (pdf, name) = note_file(app, member, id, params).await?;
    Ok(pdf_response(pdf, &name, params.download.unwrap_or(false)))
}

/// An invoice's PDF and its name (the number), as the print route answers it.
pub async fn invoice_file<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<(Vec<u8>, String), HttpError> {
    let invoice = bahi_app::sales::invoices::get(&app.services, member, id).await?;
    sales_pdf(app, member, invoice, None, params).await
}

/// A note's PDF and its name.
pub async fn note_file<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    id: DocumentId,
    params: &PrintParams,
) -> Result<(Vec<u8>, String), HttpError> {
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

/// The invoice behind a public link, as it prints (the customer's copy).
pub async fn public_invoice(
    app: &AppState,
    opened: &bahi_app::sales::public_links::Opened,
    params: &PrintParams,
) -> Result<Response, HttpError> {
    let logo = bahi_app::sales::public_links::logo(&app.services, opened)
        .await?
        .and_then(logo_of);
    let head = Letterhead {
        org: opened.org.clone(),
        logo,
    };
    let name = file_name(&opened.invoice.doc);
    let doc = sales_document(&opened.invoice, None, head, params);
    let paper = params.paper();
    let pdf = rendered(move || bahi_pdf::document(&doc, paper)).await?;
    Ok(pdf_response(pdf, &name, params.download.unwrap_or(false)))
}

async fn sales_pdf<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    invoice: Invoice,
    original: Option<SalesDocument>,
    params: &PrintParams,
) -> Result<(Vec<u8>, String), HttpError> {
    let head = letterhead(app, member).await?;
    let name = file_name(&invoice.doc);
    let doc = sales_document(&invoice, original.as_ref(), head, params);
    let paper = params.paper();
    let pdf = rendered(move || bahi_pdf::document(&doc, paper)).await?;
    Ok((pdf, name))
}
