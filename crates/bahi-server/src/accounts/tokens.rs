//! API tokens of a user.

use bahi_store::identity::tokens::{self, ApiToken};
use bahi_store::identity::{TokenId, users::User};

use super::{Actor, record, validate};
use crate::auth::{api_token, secret_hash};
use crate::error::AppError;
use crate::state::AppState;

/// The longest a token may be given (`expires_in_days`); without it a token lives until revoked.
pub const MAX_DAYS: i64 = 366;

/// Creates a token, optionally expiring after `expires_in_days`; the secret is returned here and
/// never again.
pub async fn create(
    app: &AppState,
    user: &User,
    name: &str,
    expires_in_days: Option<i64>,
    ip: Option<String>,
) -> Result<(ApiToken, String), AppError> {
    let mut errors = Vec::new();
    let name = validate::name("name", name, 100, &mut errors);
    if expires_in_days.is_some_and(|d| !(1..=MAX_DAYS).contains(&d)) {
        errors.push(validate::err(
            "expires_in_days",
            format!("must be from 1 to {MAX_DAYS} days, or left out for no expiry"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let expires_at = expires_in_days.map(|d| bahi_store::identity::now() + time::Duration::days(d));
    let (secret, prefix) = api_token::generate();
    let mut tx = app.db.begin_write().await?;
    let token = tokens::create(
        &mut tx,
        user.id,
        &name,
        &secret_hash(&secret),
        &prefix,
        expires_at,
    )
    .await?;
    record(
        app,
        &mut tx,
        &Actor::user(user.id, &user.email, ip),
        None,
        "token.create",
        ("api_token", Some(token.id.to_string())),
        format!("{} created API token \"{name}\" ({prefix}…)", user.email),
    )
    .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn revoke(
    app: &AppState,
    user: &User,
    id: TokenId,
    ip: Option<String>,
) -> Result<(), AppError> {
    let mut tx = app.db.begin_write().await?;
    if !tokens::revoke(&mut tx, user.id, id).await? {
        return Err(AppError::NotFound);
    }
    record(
        app,
        &mut tx,
        &Actor::user(user.id, &user.email, ip),
        None,
        "token.revoke",
        ("api_token", Some(id.to_string())),
        format!("{} revoked an API token", user.email),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
