//! The business as its documents name it: its particulars, logo, bank account, terms and
//! signatory, and a party's address as one block.

use bahi_app::identity::orgs;
use bahi_app::{AtLeast, OrgCtx, Viewer};
use bahi_gst::StateCode;
use bahi_pdf::Party;
use bahi_store::identity::orgs::Organisation;
use bahi_store::masters::parties::Party as StoredParty;

use crate::http::HttpError;
use crate::state::AppState;

/// `Karnataka (29)`
pub(super) fn state(code: StateCode) -> String {
    format!("{} ({code})", code.name())
}

/// The organisation as its settings name it now.
pub(super) fn seller(org: &Organisation) -> Party {
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

/// What the business prints on every document besides its name: the logo, the bank account,
/// the terms and who signs.
pub(super) struct Letterhead {
    pub(super) org: Organisation,
    pub(super) logo: Option<bahi_pdf::Logo>,
}

pub(super) async fn letterhead<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
) -> Result<Letterhead, HttpError> {
    let org = orgs::get(&app.services, member).await?;
    let logo = bahi_app::identity::logos::get(&app.services, member)
        .await?
        .and_then(logo_of);
    Ok(Letterhead { org, logo })
}

/// A stored logo as a document prints it (`None` for a format the layout cannot place).
pub(super) fn logo_of(stored: bahi_store::identity::logos::StoredLogo) -> Option<bahi_pdf::Logo> {
    let format = bahi_pdf::LogoFormat::from_content_type(&stored.content_type)?;
    Some(bahi_pdf::Logo {
        format,
        bytes: stored.data,
    })
}

/// A party's billing address, one part a line.
pub(super) fn address(p: &StoredParty) -> Option<String> {
    let lines = p.billing_lines();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

pub(super) fn bank(org: &Organisation) -> Option<bahi_pdf::Bank> {
    Some(bahi_pdf::Bank {
        name: org.bank_name.clone(),
        account_number: org.bank_account_number.clone()?,
        ifsc: org.bank_ifsc.clone()?,
    })
}
