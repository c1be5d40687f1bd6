//! The account page: change your password (every other session then ends; optionally every API
//! token is revoked too).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::Actor;
use bahi_app::identity::{sessions, tokens};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::respond::render;
use crate::http::{HttpError, Signed};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    /// What the last password change ended, when there was one.
    changed: Option<sessions::Ended>,
    /// Live API tokens, offered for revocation with a password change.
    tokens: usize,
    errors: FormErrors,
}

async fn account(
    app: &AppState,
    frame: &Frame,
    actor: &Actor,
    changed: Option<sessions::Ended>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = AccountPage {
        chrome: Chrome::new(app, frame, "account").await?,
        email: actor.user.email.clone(),
        changed,
        tokens: tokens::list(&app.services, actor).await?.len(),
        errors,
    };
    Ok(render(status, &page))
}

pub async fn page(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
) -> Result<Response, HttpError> {
    account(&app, &frame, &actor, None, FormErrors::default()).await
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
    Signed(actor): Signed,
    frame: Frame,
    Form(form): Form<PasswordForm>,
) -> Result<Response, HttpError> {
    let attempt = sessions::change_own_password(
        &app.services,
        &actor,
        &form.current_password,
        &form.new_password,
        form.revoke_tokens.is_some(),
    );
    match attempt.await {
        Ok(ended) => account(&app, &frame, &actor, Some(ended), FormErrors::default()).await,
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            account(&app, &frame, &actor, None, errors).await
        }
    }
}
