//! The platform administrator's page: every business; suspend (asking for the reason, which is
//! recorded) and reinstate.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::Message;
use bahi_app::identity::orgs;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::{Confirm, ReasonForm};
use super::format::moment;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::OrgPath;
use crate::http::{HttpError, PlatformAdminCaller};
use crate::state::AppState;

pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub gstin: String,
    pub state: String,
    pub created: String,
    /// Why it is suspended, while it is.
    pub suspended: Option<String>,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    orgs: Vec<OrgRow>,
    /// How much mail waits and how much was given up on.
    outbox_link: String,
}

pub async fn page(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let rows = orgs::all(&app.services, &admin, 500)
        .await?
        .into_iter()
        .map(|o| OrgRow {
            id: o.id.to_string(),
            name: o.legal_name,
            gstin: o.gstin.map(|g| g.to_string()).unwrap_or_default(),
            state: format!("{} {}", o.state_code, o.state_code.name()),
            created: moment(lang, o.created_at, &o.time_zone),
            suspended: o
                .suspended_at
                .map(|_| o.suspension_reason.unwrap_or_default()),
        })
        .collect();
    let outbox = bahi_app::mail::admin::depth(&app.services, &*admin).await?;
    let chrome = Chrome::new(&app, &frame, "admin").await?;
    let outbox_link = chrome.t2(
        "outbox-link",
        ("pending", &outbox.pending.to_string()),
        ("dead", &outbox.dead.to_string()),
    );
    let page = AdminPage {
        chrome,
        orgs: rows,
        outbox_link,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn suspend_page(
    app: &AppState,
    frame: &Frame,
    admin: &PlatformAdminCaller,
    path: &OrgPath,
    reason: String,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let org = orgs::all(&app.services, admin, 10_000)
        .await?
        .into_iter()
        .find(|o| o.id == path.id)
        .ok_or(bahi_app::Error::NotFound)?;
    let chrome = Chrome::new(app, frame, "admin").await?;
    Ok(Confirm {
        title: chrome.t1("confirm-suspend-title", "name", &org.legal_name),
        explanation: chrome.t("confirm-suspend-why"),
        action: format!("/admin/orgs/{}/suspend", path.id),
        confirm: chrome.t("admin-suspend"),
        cancel: "/admin".to_owned(),
        ask_reason: true,
        reason,
        errors,
        chrome,
    }
    .respond())
}

/// Asks for the reason before suspending.
pub async fn confirm_suspend(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<OrgPath>,
) -> Result<Response, HttpError> {
    suspend_page(
        &app,
        &frame,
        &admin,
        &path,
        String::new(),
        FormErrors::default(),
    )
    .await
}

pub async fn suspend(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<OrgPath>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, HttpError> {
    match orgs::set_suspended(&app.services, &admin, path.id, Some(&form.reason)).await {
        Ok(org) => {
            let notice = Message::new("notice-suspended").arg("name", org.legal_name.as_str());
            Ok((notices::leave(jar, &notice), see_other("/admin")).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            suspend_page(&app, &frame, &admin, &path, form.reason, errors).await
        }
    }
}

pub async fn unsuspend(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<OrgPath>,
) -> Result<Response, HttpError> {
    let org = orgs::set_suspended(&app.services, &admin, path.id, None).await?;
    let notice = Message::new("notice-reinstated").arg("name", org.legal_name.as_str());
    Ok((notices::leave(jar, &notice), see_other("/admin")).into_response())
}
