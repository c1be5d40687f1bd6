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
    /// What the last password change ended, when there was one.
    changed: Option<accounts::sessions::Ended>,
    /// Live API tokens, offered for revocation with a password change.
    tokens: usize,
    errors: FormErrors,
}

async fn page(
    app: &AppState,
    auth: &Authenticated,
    changed: Option<accounts::sessions::Ended>,
    errors: FormErrors,
) -> Result<AccountPage, AppError> {
    Ok(AccountPage {
        chrome: Chrome::for_user(app, auth, None).await?,
        email: auth.user.email.clone(),
        changed,
        tokens: bahi_store::identity::tokens::list(&app.db, auth.user.id)
            .await?
            .len(),
        errors,
    })
}

pub async fn show(State(app): State<AppState>, auth: Authenticated) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &page(&app, &auth, None, FormErrors::default()).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    /// A checkbox: present when ticked.
    revoke_tokens: Option<String>,
}

pub async fn change_password(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let this_session = auth.session.as_ref().map(|s| s.id_hash.0.as_str());
    let ip = ip.to_string();
    let attempt = accounts::sessions::change_own_password(
        &app,
        &auth.user,
        this_session,
        &form.current_password,
        &form.new_password,
        form.revoke_tokens.is_some(),
        &ip,
    );
    match attempt.await {
        Ok(ended) => Ok(render(
            StatusCode::OK,
            &page(&app, &auth, Some(ended), FormErrors::default()).await?,
        )),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                errors.status(),
                &page(&app, &auth, None, errors).await?,
            ))
        }
    }
}
