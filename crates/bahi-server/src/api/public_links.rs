//! Public links to an invoice: made and withdrawn by accountants and up, each with the
//! WhatsApp message that shares it.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::sales::public_links::{self, Shared};
use bahi_app::{Accountant, Viewer};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::rfc3339;
use crate::http::extract::{Json, Path};
use crate::http::paths::{InvoicePath, PublicLinkPath};
use crate::http::{HttpError, Member};
use crate::i18n::Lang;
use crate::share;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PublicLinkIn {
    /// How long the link works (1–365 days; 30 when left out).
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<i64>,
}

/// A public link: anyone with `url` sees the invoice, its PDF and how to pay, until
/// `expires_at` or until it is withdrawn.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicLinkOut {
    pub id: Uuid,
    pub url: String,
    pub expires_at: String,
    pub created_at: String,
    /// Opens WhatsApp with a message to the customer: the amount due and the link.
    pub whatsapp_url: String,
    /// The same as a payment reminder (when it is or was due).
    pub whatsapp_reminder_url: String,
}

fn out(
    member: &Member<impl bahi_app::MinimumRole>,
    sharing: &public_links::Sharing,
    shared: &Shared,
) -> PublicLinkOut {
    let business = &member.org().legal_name;
    let doc = &sharing.doc;
    let phone = sharing.phone.as_deref();
    let message = share::invoice_message(Lang::En, business, doc, &shared.url);
    let reminder = share::reminder_message(Lang::En, business, doc, &shared.url, member.today());
    PublicLinkOut {
        id: shared.link.id.0,
        url: shared.url.clone(),
        expires_at: rfc3339(shared.link.expires_at),
        created_at: rfc3339(shared.link.created_at),
        whatsapp_url: share::whatsapp_url(phone, &message),
        whatsapp_reminder_url: share::whatsapp_url(phone, &reminder),
    }
}

/// Make a public link to an issued invoice (409 for a draft or void one).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invoices/{id}/public-links", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    request_body(content = Option<PublicLinkIn>),
    responses((status = 201, body = PublicLinkOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    body: Option<Json<PublicLinkIn>>,
) -> Result<(StatusCode, Json<PublicLinkOut>), HttpError> {
    let days = body.and_then(|Json(b)| b.expires_in_days);
    let shared = public_links::create(&app.services, &member, path.id, days).await?;
    let sharing = public_links::sharing(&app.services, &member, path.id).await?;
    Ok((StatusCode::CREATED, Json(out(&member, &sharing, &shared))))
}

/// The invoice's public links that still work, newest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/invoices/{id}/public-links", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PublicLinkOut>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
) -> Result<Json<Vec<PublicLinkOut>>, HttpError> {
    let sharing = public_links::sharing(&app.services, &member, path.id).await?;
    Ok(Json(
        sharing
            .links
            .iter()
            .map(|l| out(&member, &sharing, l))
            .collect(),
    ))
}

/// Withdraw a public link: it stops working at once.
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/invoices/{id}/public-links/{link_id}", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), ("link_id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn revoke(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<PublicLinkPath>,
) -> Result<StatusCode, HttpError> {
    public_links::revoke(&app.services, &member, path.id, path.link_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
