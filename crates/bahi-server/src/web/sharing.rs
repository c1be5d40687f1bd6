//! Sharing an issued invoice from its page: public links (made, listed, withdrawn) and, for each,
//! "Share on WhatsApp" and "Remind on WhatsApp" with the amount due and the link.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::sales::public_links;
use bahi_app::{Accountant, Message, Viewer};
use bahi_store::sales::DocumentId;
use serde::Deserialize;

use super::chrome::Chrome;
use super::notices;
use super::respond::see_other;
use crate::http::extract::Path;
use crate::http::paths::{InvoicePath, PublicLinkPath};
use crate::http::{HttpError, Member};
use crate::share;
use crate::state::AppState;

/// One public link as the invoice's page lists it.
pub struct LinkRow {
    pub url: String,
    pub expires: String,
    pub whatsapp: String,
    pub reminder: String,
    /// Where "Withdraw" posts.
    pub revoke: String,
}

/// The invoice page's sharing card.
pub struct ShareView {
    pub links: Vec<LinkRow>,
    pub can_share: bool,
    /// Where "Make a link" posts.
    pub create: String,
    /// Whether the customer's phone is known (else WhatsApp asks whom to send to).
    pub has_phone: bool,
}

/// The sharing card of an issued invoice.
pub(super) async fn view(
    app: &AppState,
    member: &Member<Viewer>,
    chrome: &Chrome,
    invoice: DocumentId,
) -> Result<ShareView, HttpError> {
    let sharing = public_links::sharing(&app.services, member, invoice).await?;
    let org_id = member.org_id();
    let business = &member.org().legal_name;
    let today = member.today();
    let phone = sharing.phone.as_deref();
    let links = sharing
        .links
        .iter()
        .map(|l| {
            let message = share::invoice_message(chrome.lang, business, &sharing.doc, &l.url);
            let reminder =
                share::reminder_message(chrome.lang, business, &sharing.doc, &l.url, today);
            LinkRow {
                url: l.url.clone(),
                expires: super::format::date(chrome.lang, l.link.expires_at.date()),
                whatsapp: share::whatsapp_url(phone, &message),
                reminder: share::whatsapp_url(phone, &reminder),
                revoke: format!(
                    "/orgs/{org_id}/invoices/{invoice}/share/{}/revoke",
                    l.link.id
                ),
            }
        })
        .collect();
    Ok(ShareView {
        links,
        can_share: member.as_role::<Accountant>().is_some(),
        create: format!("/orgs/{org_id}/invoices/{invoice}/share"),
        has_phone: phone.and_then(bahi_app::sales::whatsapp::number).is_some(),
    })
}

#[derive(Debug, Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    days: String,
}

/// Makes a public link and goes back to the invoice, which lists it.
pub async fn share(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<InvoicePath>,
    Form(form): Form<ShareForm>,
) -> Result<Response, HttpError> {
    let days = form.days.trim().parse::<i64>().ok();
    public_links::create(&app.services, &member, path.id, days).await?;
    let to = format!("/orgs/{}/invoices/{}#share-title", member.org_id(), path.id);
    let notice = Message::new("notice-link-made");
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

/// Withdraws a public link.
pub async fn unshare(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<PublicLinkPath>,
) -> Result<Response, HttpError> {
    public_links::revoke(&app.services, &member, path.id, path.link_id).await?;
    let to = format!("/orgs/{}/invoices/{}#share-title", member.org_id(), path.id);
    let notice = Message::new("notice-link-withdrawn");
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}
