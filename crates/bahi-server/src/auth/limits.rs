//! Throttling (API.md, Authentication): sign-ups per address, password checks per account and
//! per address, invitations per organisation and per inviter. Counted in the database, so every
//! replica enforces the same limits.
//!
//! Every place that checks a password goes through [`verify_password`], so they share one
//! throttle and one lockout: no endpoint can be used to guess a password faster than sign-in.

use bahi_store::identity::{OrgId, SecretHash, UserId, attempts, users};

use super::password;
use crate::error::AppError;
use crate::state::AppState;

pub const SIGNUP_BY_ADDRESS: &str = "signup_ip";
pub const FAILED_LOGIN_BY_ACCOUNT: &str = "login_account";
pub const FAILED_LOGIN_BY_ADDRESS: &str = "login_ip";
pub const INVITATIONS_BY_ORG: &str = "invite_org";
pub const INVITATIONS_BY_INVITER: &str = "invite_user";
const DAY: i64 = 86_400;
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

/// Counts a sign-up (also one through an invitation) against the client address.
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

/// Refuses while the account or the address is locked out by failed password checks.
async fn check_lockout(app: &AppState, email: &str, ip: &str) -> Result<(), AppError> {
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

/// Checks `password` for the account `email` (whose stored hash is `hash`, or `None` when no
/// such account exists: the check then takes as long and fails). Locked out — by failures here
/// or anywhere else a password is checked — it refuses with 429 even for the right password.
/// A failure counts against the account and the address; a success clears the account's count.
pub async fn verify_password(
    app: &AppState,
    email: &str,
    ip: &str,
    password_text: &str,
    hash: Option<&SecretHash>,
) -> Result<bool, AppError> {
    let email = users::normalise_email(email);
    check_lockout(app, &email, ip).await?;
    let hash = hash.map_or_else(password::dummy_hash, |h| h.0.clone());
    if password::verify(password_text.to_owned(), hash).await {
        attempts::clear(&app.db, FAILED_LOGIN_BY_ACCOUNT, &email).await?;
        return Ok(true);
    }
    attempts::record(&app.db, FAILED_LOGIN_BY_ACCOUNT, &email).await?;
    attempts::record(&app.db, FAILED_LOGIN_BY_ADDRESS, ip).await?;
    if rand::random::<u8>() == 0 {
        attempts::prune(&app.db).await?;
    }
    Ok(false)
}

/// Refuses (429) an invitation (or a re-send) past the organisation's or the inviter's limit.
pub async fn check_invitation(app: &AppState, org: OrgId, inviter: UserId) -> Result<(), AppError> {
    let limits = &app.config.limits;
    let (org, inviter) = (org.to_string(), inviter.to_string());
    check(
        app,
        INVITATIONS_BY_ORG,
        &org,
        limits.invitations_per_org_per_day,
        DAY,
    )
    .await?;
    check(
        app,
        INVITATIONS_BY_INVITER,
        &inviter,
        limits.invitations_per_inviter_per_hour,
        HOUR,
    )
    .await
}

/// Counts an invitation that was sent (refused ones do not count).
pub async fn record_invitation(
    app: &AppState,
    org: OrgId,
    inviter: UserId,
) -> Result<(), AppError> {
    attempts::record(&app.db, INVITATIONS_BY_ORG, &org.to_string()).await?;
    attempts::record(&app.db, INVITATIONS_BY_INVITER, &inviter.to_string()).await?;
    Ok(())
}
