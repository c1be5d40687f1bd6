//! "Forgot your password?": ask for a link by e-mail, then choose a new password on the page
//! the link opens. Without mail the first page says who can reset it instead.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::Message;
use bahi_app::identity::resets;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::notices;
use super::respond::{render, see_other};
use crate::http::HttpError;
use crate::http::client_ip::ClientIp;
use crate::http::extract::Path;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reset_request.html")]
struct RequestPage {
    chrome: Chrome,
    mail_on: bool,
    /// Asked: the page says a link is on its way (if the address has an account).
    asked: bool,
    email: String,
    errors: FormErrors,
}

pub async fn request_form(
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let page = RequestPage {
        chrome: Chrome::new(&app, &frame, "login").await?,
        mail_on: app.services.mail_on(),
        asked: false,
        email: String::new(),
        errors: FormErrors::default(),
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    email: String,
}

pub async fn request(
    State(app): State<AppState>,
    frame: Frame,
    ip: ClientIp,
    Form(form): Form<RequestForm>,
) -> Result<Response, HttpError> {
    let asked = resets::request(&app.services, &form.email, &ip.to_string()).await;
    let errors = match asked {
        Ok(()) => FormErrors::default(),
        Err(e) => FormErrors::from_error(e, frame.lang)?,
    };
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = RequestPage {
        chrome: Chrome::new(&app, &frame, "login").await?,
        mail_on: app.services.mail_on(),
        asked: !errors.any(),
        email: form.email,
        errors,
    };
    Ok(render(status, &page))
}

#[derive(Template)]
#[template(path = "reset_form.html")]
struct ChoosePage {
    chrome: Chrome,
    action: String,
    usable: bool,
    errors: FormErrors,
}

pub async fn choose_form(
    State(app): State<AppState>,
    frame: Frame,
    Path(token): Path<String>,
) -> Result<Response, HttpError> {
    let usable = resets::is_usable(&app.services, &token).await?;
    let page = ChoosePage {
        chrome: Chrome::new(&app, &frame, "login").await?,
        action: format!("/password-reset/{token}"),
        usable,
        errors: FormErrors::default(),
    };
    let status = if usable {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok(render(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    password: String,
}

pub async fn choose(
    State(app): State<AppState>,
    frame: Frame,
    ip: ClientIp,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Result<Response, HttpError> {
    match resets::complete(&app.services, &token, &form.password, &ip.to_string()).await {
        Ok(user) => {
            let notice = Message::new("notice-password-reset").arg("email", user.email);
            Ok((notices::leave(jar, &notice), see_other("/login")).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let usable = resets::is_usable(&app.services, &token).await?;
            let status = errors.status.unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let page = ChoosePage {
                chrome: Chrome::new(&app, &frame, "login").await?,
                action: format!("/password-reset/{token}"),
                usable,
                errors,
            };
            Ok(render(status, &page))
        }
    }
}
