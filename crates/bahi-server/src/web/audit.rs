//! The organisation's audit log page (accountants and up): the newest entries and whether the
//! chain verifies.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::{Accountant, audit};

use super::chrome::Chrome;
use super::format::moment;
use super::respond::render;
use crate::http::{HttpError, Member};
use crate::state::AppState;

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub summary: String,
    pub ip: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    org_name: String,
    events: Vec<EventRow>,
    verified: bool,
    problem: String,
}

pub async fn page(
    member: Member<Accountant>,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    let events = audit::list(&app.services, &member, None, 200)
        .await?
        .into_iter()
        .map(|e| EventRow {
            at: moment(e.at),
            actor: e.actor_email.unwrap_or_else(|| "system".into()),
            action: e.action,
            summary: e.summary,
            ip: e.ip.unwrap_or_default(),
        })
        .collect();
    let verification = audit::verify_org(&app.services, &member).await?;
    let chrome = Chrome::for_user(&app, member.actor(), Some(&member.org_id().to_string())).await?;
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            chrome,
            org_name: member.org().legal_name.clone(),
            events,
            verified: verification.first_bad.is_none(),
            problem: verification
                .first_bad
                .map(|(id, why)| format!("entry {id}: {why}"))
                .unwrap_or_default(),
        },
    ))
}
