//! A payment's receipt (money received) or voucher (money paid).

use axum::response::Response;
use bahi_app::purchases::bills;
use bahi_app::{AtLeast, OrgCtx, Viewer};
use bahi_pdf::Party;
use bahi_store::payments::{Direction, PaymentId, PaymentStatus};

use super::letterhead::{address, letterhead, seller, state};
use super::render::{PrintParams, pdf_response, rendered, short};
use crate::http::HttpError;
use crate::i18n::{self, Lang};
use crate::state::AppState;

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
