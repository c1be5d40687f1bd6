//! Two-factor sign-in on the account pages (`/account/two-factor`): turn it on (scan the QR
//! code, confirm with a code, keep the recovery codes shown once), see how many recovery codes
//! are left, turn it off with a code.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::two_factor::{self, Enrolment, Status};
use bahi_app::{Actor, Message};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::http::{HttpError, Signed};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "two_factor.html")]
struct TwoFactorPage {
    chrome: Chrome,
    status: Status,
    /// While enrolling: the QR code (inline SVG) and the secret to type instead.
    qr: Option<String>,
    secret: String,
    /// Just confirmed: the recovery codes, shown this once.
    recovery_codes: Vec<String>,
    errors: FormErrors,
}

async fn page(
    app: &AppState,
    frame: &Frame,
    actor: &Actor,
    recovery_codes: Vec<String>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let chrome = Chrome::new(app, frame, "account").await?;
    let status = two_factor::status(s, actor.user.id).await?;
    let enrolment: Option<Enrolment> = if status.enrolling {
        two_factor::pending(s, actor).await?
    } else {
        None
    };
    let qr = enrolment
        .as_ref()
        .and_then(|e| super::qr::svg(&e.url, &chrome.t("two-factor-qr")));
    let code = errors.status.unwrap_or(StatusCode::OK);
    let view = TwoFactorPage {
        status,
        qr,
        secret: enrolment.map(|e| e.secret).unwrap_or_default(),
        recovery_codes,
        errors,
        chrome,
    };
    Ok(render(code, &view))
}

pub async fn show(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
) -> Result<Response, HttpError> {
    page(&app, &frame, &actor, Vec::new(), FormErrors::default()).await
}

pub async fn start(
    State(app): State<AppState>,
    Signed(actor): Signed,
) -> Result<Response, HttpError> {
    two_factor::enrol(&app.services, &actor).await?;
    Ok(see_other("/account/two-factor"))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn confirm(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
    Form(form): Form<CodeForm>,
) -> Result<Response, HttpError> {
    match two_factor::confirm(&app.services, &actor, &form.code).await {
        Ok(codes) => page(&app, &frame, &actor, codes, FormErrors::default()).await,
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page(&app, &frame, &actor, Vec::new(), errors).await
        }
    }
}

pub async fn disable(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response, HttpError> {
    match two_factor::disable(&app.services, &actor, &form.code).await {
        Ok(()) => {
            let notice = Message::new("notice-two-factor-off");
            Ok((
                notices::leave(jar, &notice),
                see_other("/account/two-factor"),
            )
                .into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            page(&app, &frame, &actor, Vec::new(), errors).await
        }
    }
}
