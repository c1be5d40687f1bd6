//! Throttling of sign-ups and failed sign-ins (API.md, Authentication): counted in the database,
//! so every replica enforces the same limits.

use bahi_store::identity::attempts;

use crate::error::AppError;
use crate::state::AppState;

pub const SIGNUP_BY_ADDRESS: &str = "signup_ip";
pub const FAILED_LOGIN_BY_ACCOUNT: &str = "login_account";
pub const FAILED_LOGIN_BY_ADDRESS: &str = "login_ip";
const HOUR: i64 = 3600;
const QUARTER_HOUR: i64 = 900;

/// Refuses (429 with `Retry-After`) when `key` has used up `limit` attempts in `window` seconds.
async fn check(
    app: &AppState,
    kind: &str,
    key: &str,
    limit: i64,
    window: i64,
) -> Result<(), AppError> {
    let (count, retry_after) = attempts::count(&app.db, kind, key, window).await?;
    if count >= limit {
        return Err(AppError::TooManyRequests { retry_after });
    }
    Ok(())
}

pub async fn check_signup(app: &AppState, ip: &str) -> Result<(), AppError> {
    check(
        app,
        SIGNUP_BY_ADDRESS,
        ip,
        app.config.limits.signups_per_hour,
        HOUR,
    )
    .await?;
    attempts::record(&app.db, SIGNUP_BY_ADDRESS, ip).await?;
    Ok(())
}

pub async fn check_login(app: &AppState, email: &str, ip: &str) -> Result<(), AppError> {
    check(
        app,
        FAILED_LOGIN_BY_ACCOUNT,
        email,
        app.config.limits.login_failures_per_account,
        QUARTER_HOUR,
    )
    .await?;
    check(
        app,
        FAILED_LOGIN_BY_ADDRESS,
        ip,
        app.config.limits.login_failures_per_address,
        HOUR,
    )
    .await
}

pub async fn record_failed_login(app: &AppState, email: &str, ip: &str) -> Result<(), AppError> {
    attempts::record(&app.db, FAILED_LOGIN_BY_ACCOUNT, email).await?;
    attempts::record(&app.db, FAILED_LOGIN_BY_ADDRESS, ip).await?;
    if rand::random::<u8>() == 0 {
        attempts::prune(&app.db).await?;
    }
    Ok(())
}

pub async fn clear_account(app: &AppState, email: &str) -> Result<(), AppError> {
    attempts::clear(&app.db, FAILED_LOGIN_BY_ACCOUNT, email).await?;
    Ok(())
}
