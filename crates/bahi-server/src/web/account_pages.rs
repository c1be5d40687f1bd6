//! The account page: change your password (every other session then ends).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::render;
use crate::accounts;
use crate::auth::Authenticated;
use crate::auth::client_ip::ClientIp;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    changed: bool,
    errors: FormErrors,
}

async fn page(
    app: &AppState,
    auth: &Authenticated,
    changed: bool,
    errors: FormErrors,
) -> Result<AccountPage, AppError> {
    Ok(AccountPage {
        chrome: Chrome::for_user(app, auth, None).await?,
        email: auth.user.email.clone(),
        changed,
        errors,
    })
}

pub async fn show(State(app): State<AppState>, auth: Authenticated) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &page(&app, &auth, false, FormErrors::default()).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let this_session = auth.session.as_ref().map(|s| s.id_hash.as_str());
    let attempt = accounts::sessions::change_own_password(
        &app,
        &auth.user,
        this_session,
        &form.current_password,
        &form.new_password,
        Some(ip.to_string()),
    );
    match attempt.await {
        Ok(_) => Ok(render(
            StatusCode::OK,
            &page(&app, &auth, true, FormErrors::default()).await?,
        )),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&app, &auth, false, errors).await?,
            ))
        }
    }
}
