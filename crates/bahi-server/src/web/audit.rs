//! The business's audit log (accountants and up): each entry in words in the reader's language
//! ("Invited priya@example.com as accountant"), its code beside it, a page at a time, and whether
//! the chain verifies.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::identity::orgs;
use bahi_app::message::Arg;
use bahi_app::{Accountant, audit};
use bahi_store::identity::Role;
use bahi_store::identity::audit::AuditEvent;

use super::chrome::{Chrome, Frame, role_name};
use super::format::moment;
use super::respond::render;
use crate::http::extract::Paging;
use crate::http::{HttpError, Member};
use crate::i18n::{self, Lang};
use crate::state::AppState;

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub words: String,
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
    next_cursor: Option<String>,
}

/// What an event says, in words: `audit-<action>` with the event's details (role codes become
/// role names); the stored English summary for events without a message of their own.
fn words(lang: Lang, e: &AuditEvent) -> String {
    let id = format!("audit-{}", e.action.replace(['.', '_'], "-"));
    // Rows from before details carry their words only in the English summary.
    if e.details.is_none() || !i18n::has(Lang::En, &id) {
        return e.summary.clone();
    }
    let args: Vec<(String, Arg)> = e
        .details()
        .into_iter()
        .map(|(k, v)| {
            let v = match (k.as_str(), Role::parse(&v)) {
                ("role" | "from" | "to", Some(role)) => role_name(lang, role).to_lowercase(),
                _ => v,
            };
            (k, Arg::Text(v))
        })
        .collect();
    let args: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    i18n::text(lang, &id, &args)
}

pub async fn page(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    paging: Paging,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let zone = orgs::get(s, &*member).await?.time_zone;
    let before = paging.after_number()?;
    let fetched = audit::list(s, &member, before, paging.fetch()).await?;
    let lang = frame.lang;
    let page = paging.page(
        fetched,
        |e| e.seq.to_string(),
        |e| EventRow {
            at: moment(lang, e.at, &zone),
            actor: e.actor_email.clone().unwrap_or_else(|| "system".into()),
            words: words(lang, &e),
            action: e.action,
            ip: e.ip.unwrap_or_default(),
        },
    );
    let verification = audit::verify_org(s, &member).await?;
    let chrome = Chrome::for_org(&app, &frame, &*member, "audit").await?;
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            chrome,
            org_name: member.org().legal_name.clone(),
            events: page.items,
            verified: verification.first_bad.is_none(),
            problem: verification
                .first_bad
                .map(|(id, why)| format!("entry {id}: {why}"))
                .unwrap_or_default(),
            next_cursor: page.next_cursor,
        },
    ))
}
