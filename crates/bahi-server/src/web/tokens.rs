//! The API tokens page: create (optionally expiring), see, revoke (after a confirmation).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::tokens;
use bahi_app::{Actor, Message};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors, Frame};
use super::confirm::Confirm;
use super::format::moment;
use super::notices;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::TokenPath;
use crate::http::{HttpError, Signed};
use crate::state::AppState;

/// Account pages are outside any business: their times are in India Standard Time.
const ZONE: &str = bahi_store::identity::orgs::DEFAULT_TIME_ZONE;

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: String,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    chrome: Chrome,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    errors: FormErrors,
}

async fn tokens_page(
    app: &AppState,
    frame: &Frame,
    actor: &Actor,
    new_token: Option<String>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::new(app, frame, "tokens").await?;
    let lang = frame.lang;
    let never = chrome.t("tokens-never-used");
    let no_expiry = chrome.t("tokens-no-expiry");
    let rows = tokens::list(&app.services, actor)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            prefix: t.prefix,
            created: moment(lang, t.created_at, ZONE),
            last_used: t
                .last_used_at
                .map_or_else(|| never.clone(), |at| moment(lang, at, ZONE)),
            expires: t
                .expires_at
                .map_or_else(|| no_expiry.clone(), |at| moment(lang, at, ZONE)),
        })
        .collect();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = TokensPage {
        chrome,
        tokens: rows,
        new_token,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn page(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
) -> Result<Response, HttpError> {
    tokens_page(&app, &frame, &actor, None, FormErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    #[serde(default)]
    name: String,
    /// Days until it expires; empty for never.
    #[serde(default)]
    expires_in_days: String,
}

/// Shows the new secret once, on the page that answers the form.
pub async fn create(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
    Form(form): Form<NewTokenForm>,
) -> Result<Response, HttpError> {
    // Not a number is out of range: the use case says so on the field.
    let days = match form.expires_in_days.trim() {
        "" => None,
        text => Some(text.parse::<i64>().unwrap_or(0)),
    };
    match tokens::create(&app.services, &actor, &form.name, days).await {
        Ok((_, secret)) => {
            tokens_page(&app, &frame, &actor, Some(secret), FormErrors::default()).await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            tokens_page(&app, &frame, &actor, None, errors).await
        }
    }
}

/// Asks before revoking a token.
pub async fn confirm_revoke(
    State(app): State<AppState>,
    Signed(actor): Signed,
    frame: Frame,
    Path(path): Path<TokenPath>,
) -> Result<Response, HttpError> {
    let token = tokens::list(&app.services, &actor)
        .await?
        .into_iter()
        .find(|t| t.id == path.id)
        .ok_or(bahi_app::Error::NotFound)?;
    let chrome = Chrome::new(&app, &frame, "tokens").await?;
    Ok(Confirm {
        title: chrome.t1("confirm-revoke-token-title", "name", &token.name),
        explanation: chrome.t("confirm-revoke-token-why"),
        action: format!("/tokens/{}/revoke", path.id),
        confirm: chrome.t("tokens-revoke"),
        cancel: "/tokens".to_owned(),
        ask_reason: false,
        reason: String::new(),
        errors: FormErrors::default(),
        chrome,
    }
    .respond())
}

pub async fn revoke(
    State(app): State<AppState>,
    Signed(actor): Signed,
    jar: CookieJar,
    Path(path): Path<TokenPath>,
) -> Result<Response, HttpError> {
    tokens::revoke(&app.services, &actor, path.id).await?;
    let jar = notices::leave(jar, &Message::new("notice-token-revoked"));
    Ok((jar, see_other("/tokens")).into_response())
}
