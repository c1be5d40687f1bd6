//! The API tokens page: create (optionally expiring), see, revoke.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::Actor;
use bahi_app::identity::tokens;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::format::moment;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::TokenPath;
use crate::http::{HttpError, Signed};
use crate::state::AppState;

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
    actor: &Actor,
    new_token: Option<String>,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let rows = tokens::list(&app.services, actor)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            prefix: t.prefix,
            created: moment(t.created_at),
            last_used: t.last_used_at.map_or_else(|| "never".into(), moment),
            expires: t.expires_at.map_or_else(|| "never".into(), moment),
        })
        .collect();
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = TokensPage {
        chrome: Chrome::for_user(app, actor, None).await?,
        tokens: rows,
        new_token,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn page(
    State(app): State<AppState>,
    Signed(actor): Signed,
) -> Result<Response, HttpError> {
    tokens_page(&app, &actor, None, FormErrors::default()).await
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
    Form(form): Form<NewTokenForm>,
) -> Result<Response, HttpError> {
    // Not a number is out of range: the use case says so on the field.
    let days = match form.expires_in_days.trim() {
        "" => None,
        text => Some(text.parse::<i64>().unwrap_or(0)),
    };
    match tokens::create(&app.services, &actor, &form.name, days).await {
        Ok((_, secret)) => tokens_page(&app, &actor, Some(secret), FormErrors::default()).await,
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            tokens_page(&app, &actor, None, errors).await
        }
    }
}

pub async fn revoke(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Path(path): Path<TokenPath>,
) -> Result<Response, HttpError> {
    tokens::revoke(&app.services, &actor, path.id).await?;
    Ok(see_other("/tokens"))
}
