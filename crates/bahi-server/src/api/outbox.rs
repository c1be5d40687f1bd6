//! Mail through the API: sending an invoice or note with its PDF (202: queued, delivered by
//! the outbox), and the outbox as platform administrators see it — what waits, what was sent,
//! the dead letters and another try for one.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::Accountant;
use bahi_app::mail::admin;
use bahi_app::sales::email::{Queued, Request};
use bahi_store::outbox::{Entry, OutboxId, State as MailState};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::rfc3339;
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, bad_cursor};
use crate::http::paths::{InvoicePath, OutboxPath};
use crate::http::{HttpError, Member, PlatformAdminCaller};
use crate::print::mail::{Sent, email_document};
use crate::state::AppState;

/// Whom to send a document to. Without `to`, the party's own address.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EmailIn {
    #[schema(max_items = 10)]
    pub to: Option<Vec<String>>,
    /// A few words above the document's particulars.
    #[schema(max_length = 2000)]
    pub message: Option<String>,
}

/// A message queued: the outbox delivers it (see `GET /admin/outbox/{id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmailOut {
    pub id: Uuid,
    pub to: Vec<String>,
    /// `pending` until delivered.
    pub state: String,
}

impl From<Queued> for EmailOut {
    fn from(q: Queued) -> Self {
        Self {
            id: q.id.0,
            to: q.to,
            state: MailState::Pending.as_str().to_owned(),
        }
    }
}

fn request(body: Option<Json<EmailIn>>) -> Request {
    let body = body.map(|Json(b)| b).unwrap_or_default();
    Request {
        to: body.to.unwrap_or_default(),
        message: body.message,
    }
}

/// E-mail an issued invoice or bill of supply with its PDF (202: queued). 409 while mail is
/// not configured, or for a draft or void invoice; 422 naming `to` when the party has no
/// address and none is given.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invoices/{id}/email", tag = "invoices",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    request_body(content = Option<EmailIn>),
    responses((status = 202, body = EmailOut)))]
pub async fn email_invoice(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    body: Option<Json<EmailIn>>,
) -> Result<(StatusCode, Json<EmailOut>), HttpError> {
    let queued = email_document(&app, &member, Sent::Invoice, path.id, &request(body)).await?;
    Ok((StatusCode::ACCEPTED, Json(queued.into())))
}

/// E-mail an issued credit or debit note with its PDF (202: queued).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/notes/{id}/email", tag = "notes",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    request_body(content = Option<EmailIn>),
    responses((status = 202, body = EmailOut)))]
pub async fn email_note(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<InvoicePath>,
    body: Option<Json<EmailIn>>,
) -> Result<(StatusCode, Json<EmailOut>), HttpError> {
    let queued = email_document(&app, &member, Sent::Note, path.id, &request(body)).await?;
    Ok((StatusCode::ACCEPTED, Json(queued.into())))
}

/// A message in the outbox (its content is not shown; it is erased once sent).
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxEntryOut {
    pub id: Uuid,
    pub org_id: Option<Uuid>,
    /// `document`, `invitation`, `password_reset` or `reminder`.
    pub kind: String,
    pub to: Vec<String>,
    pub subject: String,
    /// `pending`, `sent` or `dead`.
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

impl From<Entry> for OutboxEntryOut {
    fn from(e: Entry) -> Self {
        Self {
            id: e.id.0,
            org_id: e.org_id.map(|o| o.0),
            kind: e.kind.as_str().to_owned(),
            to: e.recipients.split(',').map(str::to_owned).collect(),
            subject: e.subject,
            state: e.state.as_str().to_owned(),
            attempts: e.attempts,
            last_error: e.last_error,
            created_at: rfc3339(e.created_at),
            sent_at: e.sent_at.map(rfc3339),
        }
    }
}

/// `pending`, `sent` or `dead`.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StateName {
    Pending,
    Sent,
    Dead,
}

impl From<StateName> for MailState {
    fn from(s: StateName) -> Self {
        match s {
            StateName::Pending => Self::Pending,
            StateName::Sent => Self::Sent,
            StateName::Dead => Self::Dead,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages in this state.
    pub state: Option<StateName>,
}

/// Every organisation's mail, newest first.
#[utoipa::path(get, path = "/v1/admin/outbox", tag = "admin", params(OutboxQuery, PageParams),
    responses((status = 200, body = Page<OutboxEntryOut>)))]
pub async fn list(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    Query(query): Query<OutboxQuery>,
    paging: Paging,
) -> Result<Json<Page<OutboxEntryOut>>, HttpError> {
    let before = paging
        .after
        .as_deref()
        .map(|a| a.parse::<OutboxId>().map_err(|_| bad_cursor()))
        .transpose()?;
    let state = query.state.map(Into::into);
    let rows = admin::list(&app.services, &*admin, state, before, paging.fetch()).await?;
    Ok(Json(paging.page(rows, |e| e.id.to_string(), Into::into)))
}

/// Send a dead letter again, from its first attempt (409 when it is not dead).
#[utoipa::path(post, path = "/v1/admin/outbox/{id}/retry", tag = "admin",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OutboxEntryOut)))]
pub async fn retry(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    Path(path): Path<OutboxPath>,
) -> Result<Json<OutboxEntryOut>, HttpError> {
    let entry = admin::retry(&app.services, &*admin, path.id).await?;
    Ok(Json(entry.into()))
}
