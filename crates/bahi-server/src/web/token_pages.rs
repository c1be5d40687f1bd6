//! The API tokens page.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use bahi_store::identity::{TokenId, tokens};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::{render, see_other};
use crate::accounts;
use crate::api::dto::on_page;
use crate::auth::Authenticated;
use crate::auth::client_ip::ClientIp;
use crate::error::AppError;
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

async fn page(
    app: &AppState,
    auth: &Authenticated,
    new_token: Option<String>,
    errors: FormErrors,
) -> Result<TokensPage, AppError> {
    let rows = tokens::list(&app.db, auth.user.id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            prefix: t.prefix,
            created: on_page(t.created_at),
            last_used: t.last_used_at.map_or_else(|| "never".into(), on_page),
            expires: t.expires_at.map_or_else(|| "never".into(), on_page),
        })
        .collect();
    Ok(TokensPage {
        chrome: Chrome::for_user(app, auth, None).await?,
        tokens: rows,
        new_token,
        errors,
    })
}

pub async fn list(State(app): State<AppState>, auth: Authenticated) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &page(&app, &auth, None, FormErrors::default()).await?,
    ))
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
    auth: Authenticated,
    ip: ClientIp,
    Form(form): Form<NewTokenForm>,
) -> Result<Response, AppError> {
    let days = match form.expires_in_days.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => Some(0),
        },
    };
    match accounts::tokens::create(&app, &auth.user, &form.name, days, Some(ip.to_string())).await {
        Ok((_, secret)) => Ok(render(
            StatusCode::OK,
            &page(&app, &auth, Some(secret), FormErrors::default()).await?,
        )),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&app, &auth, None, errors).await?,
            ))
        }
    }
}

pub async fn revoke(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Path(id): Path<uuid::Uuid>,
) -> Result<Response, AppError> {
    accounts::tokens::revoke(&app, &auth.user, TokenId(id), Some(ip.to_string())).await?;
    Ok(see_other("/tokens"))
}
