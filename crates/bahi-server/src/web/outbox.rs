//! The outbox as a platform administrator sees it (`/admin/outbox`): how much mail waits and
//! how much was given up on, every message newest first (filtered by state, 50 a page), and
//! "Send again" for a dead letter.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::Message;
use bahi_app::mail::admin;
use bahi_store::outbox::{OutboxId, State as MailState};
use serde::Deserialize;

use super::chrome::{Chrome, Frame};
use super::format::moment;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::{Path, Query};
use crate::http::paths::OutboxPath;
use crate::http::{HttpError, PlatformAdminCaller};
use crate::state::AppState;

const PAGE: i64 = 50;

pub struct MessageRow {
    pub id: String,
    pub at: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub state: &'static str,
    pub state_words: String,
    pub attempts: i64,
    pub last_error: String,
}

#[derive(Template)]
#[template(path = "admin_outbox.html")]
struct OutboxPage {
    chrome: Chrome,
    pending: i64,
    dead: i64,
    /// The filter: `pending`, `sent`, `dead` or empty for all.
    state: String,
    rows: Vec<MessageRow>,
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct OutboxQuery {
    state: Option<String>,
    before: Option<String>,
}

pub async fn page(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    frame: Frame,
    Query(q): Query<OutboxQuery>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let lang = frame.lang;
    let state = q.state.as_deref().and_then(MailState::parse);
    let before = q.before.as_deref().and_then(|b| b.parse::<OutboxId>().ok());
    let depth = admin::depth(s, &*admin).await?;
    let mut entries = admin::list(s, &*admin, state, before, PAGE + 1).await?;
    let more = entries.len() > usize::try_from(PAGE).unwrap_or(usize::MAX);
    entries.truncate(usize::try_from(PAGE).unwrap_or(usize::MAX));
    let chrome = Chrome::new(&app, &frame, "admin").await?;
    let state_name = state.map(MailState::as_str).unwrap_or_default();
    let next = more.then(|| {
        entries
            .last()
            .map(|e| format!("/admin/outbox?state={state_name}&before={}", e.id))
    });
    let rows = entries
        .into_iter()
        .map(|e| MessageRow {
            id: e.id.to_string(),
            at: moment(lang, e.created_at, "Asia/Kolkata"),
            kind: chrome.t(&format!(
                "outbox-kind-{}",
                e.kind.as_str().replace('_', "-")
            )),
            to: e.recipients.replace(',', ", "),
            subject: e.subject,
            state: e.state.as_str(),
            state_words: chrome.t(&format!("outbox-state-{}", e.state.as_str())),
            attempts: e.attempts,
            last_error: e.last_error.unwrap_or_default(),
        })
        .collect();
    let view = OutboxPage {
        chrome,
        pending: depth.pending,
        dead: depth.dead,
        state: state_name.to_owned(),
        rows,
        next: next.flatten(),
    };
    Ok(render(StatusCode::OK, &view))
}

pub async fn retry(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<OutboxPath>,
) -> Result<Response, HttpError> {
    let entry = admin::retry(&app.services, &*admin, path.id).await?;
    let notice =
        Message::new("notice-outbox-retried").arg("email", entry.recipients.replace(',', ", "));
    Ok((
        notices::leave(jar, &notice),
        see_other("/admin/outbox?state=dead"),
    )
        .into_response())
}
