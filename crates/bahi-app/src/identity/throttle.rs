//! Throttling (API.md, Authentication): sign-ups per address, password checks per account and
//! per address, invitations per organisation and per inviter. Counted in the database, so every
//! replica enforces the same limits.
//!
//! Every place that checks a password goes through [`verify_password`], so they share one
//! throttle and one lockout: no endpoint can be used to guess a password faster than sign-in.

use bahi_store::identity::{OrgId, SecretHash, UserId, attempts, users};

use super::passwords;
use crate::{Error, Services};

const SIGNUP_BY_ADDRESS: &str = "signup_ip";
const FAILED_LOGIN_BY_ACCOUNT: &str = "login_account";
const FAILED_LOGIN_BY_ADDRESS: &str = "login_ip";
const INVITATIONS_BY_ORG: &str = "invite_org";
const INVITATIONS_BY_INVITER: &str = "invite_user";
const RESETS_BY_ACCOUNT: &str = "reset_account";
const RESETS_BY_ADDRESS: &str = "reset_ip";
const REFUSED_WEBHOOKS_BY_ORG: &str = "webhook_refused_org";
/// Refused webhooks a business's audit trail records an hour: anyone who knows its id can send
/// forgeries, and they must not grow its trail without bound. More are refused the same way and
/// only logged.
const REFUSED_WEBHOOKS_AUDITED_PER_HOUR: i64 = 20;
/// Reset e-mails one address may be sent an hour: enough to retry a lost one, too few to flood
/// an inbox.
const RESETS_PER_ACCOUNT_PER_HOUR: i64 = 3;
const DAY: i64 = 86_400;
const HOUR: i64 = 3600;
const QUARTER_HOUR: i64 = 900;

/// Refuses (rate limited, with how long to wait) when `key` has used up `limit` attempts in
/// `window` seconds.
async fn check(s: &Services, kind: &str, key: &str, limit: i64, window: i64) -> Result<(), Error> {
    let (count, retry_after) = attempts::count(&s.db, kind, key, window).await?;
    if count >= limit {
        return Err(Error::RateLimited {
            retry_after_secs: retry_after,
        });
    }
    Ok(())
}

/// Whether a refused webhook of `org` still goes into its audit trail this hour (and counts it).
pub(crate) async fn audit_refused_webhook(s: &Services, org: OrgId) -> Result<bool, Error> {
    let key = org.to_string();
    let (count, _) = attempts::count(&s.db, REFUSED_WEBHOOKS_BY_ORG, &key, HOUR).await?;
    if count >= REFUSED_WEBHOOKS_AUDITED_PER_HOUR {
        return Ok(false);
    }
    let mut tx = s.db.begin_write().await?;
    attempts::record(&mut tx, REFUSED_WEBHOOKS_BY_ORG, &key).await?;
    tx.commit().await?;
    Ok(true)
}

/// Counts a sign-up (also one through an invitation) against the client address.
pub(crate) async fn check_signup(s: &Services, ip: &str) -> Result<(), Error> {
    let limit = s.policy.limits.signups_per_hour;
    check(s, SIGNUP_BY_ADDRESS, ip, limit, HOUR).await?;
    {
        let mut tx = s.db.begin_write().await?;
        attempts::record(&mut tx, SIGNUP_BY_ADDRESS, ip).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Checks `password` for the account `email` (whose stored hash is `hash`, or `None` when no
/// such account exists: the check then takes as long and fails). Locked out — by failures here
/// or anywhere else a password is checked — it refuses even the right password.
/// A failure counts against the account and the address; a success clears the account's count.
pub(crate) async fn verify_password(
    s: &Services,
    email: &str,
    ip: &str,
    password: &str,
    hash: Option<&SecretHash>,
) -> Result<bool, Error> {
    let email = users::normalise_email(email);
    let limits = &s.policy.limits;
    check(
        s,
        FAILED_LOGIN_BY_ACCOUNT,
        &email,
        limits.login_failures_per_account,
        QUARTER_HOUR,
    )
    .await?;
    check(
        s,
        FAILED_LOGIN_BY_ADDRESS,
        ip,
        limits.login_failures_per_address,
        HOUR,
    )
    .await?;
    let hash = hash.map_or_else(passwords::dummy_hash, |h| h.0.clone());
    if passwords::verify(password.to_owned(), hash).await {
        {
            let mut tx = s.db.begin_write().await?;
            attempts::clear(&mut tx, FAILED_LOGIN_BY_ACCOUNT, &email).await?;
            tx.commit().await?;
        }
        return Ok(true);
    }
    // Through a write transaction: on SQLite it takes its turn with the other writers.
    let mut tx = s.db.begin_write().await?;
    attempts::record(&mut tx, FAILED_LOGIN_BY_ACCOUNT, &email).await?;
    attempts::record(&mut tx, FAILED_LOGIN_BY_ADDRESS, ip).await?;
    if rand::random::<u8>() == 0 {
        attempts::prune(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(false)
}

/// Counts a request for a reset e-mail against the address asked for and the client; past
/// either limit it is refused (whether or not the address has an account, so the answer tells
/// nothing).
pub(crate) async fn check_reset(s: &Services, email: &str, ip: &str) -> Result<(), Error> {
    let email = users::normalise_email(email);
    check(
        s,
        RESETS_BY_ACCOUNT,
        &email,
        RESETS_PER_ACCOUNT_PER_HOUR,
        HOUR,
    )
    .await?;
    check(
        s,
        RESETS_BY_ADDRESS,
        ip,
        s.policy.limits.signups_per_hour,
        HOUR,
    )
    .await?;
    let mut tx = s.db.begin_write().await?;
    attempts::record(&mut tx, RESETS_BY_ACCOUNT, &email).await?;
    attempts::record(&mut tx, RESETS_BY_ADDRESS, ip).await?;
    tx.commit().await?;
    Ok(())
}

/// Refuses an invitation (or a re-send) past the organisation's or the inviter's limit.
pub(crate) async fn check_invitation(
    s: &Services,
    org: OrgId,
    inviter: UserId,
) -> Result<(), Error> {
    let limits = &s.policy.limits;
    let (org, inviter) = (org.to_string(), inviter.to_string());
    check(
        s,
        INVITATIONS_BY_ORG,
        &org,
        limits.invitations_per_org_per_day,
        DAY,
    )
    .await?;
    check(
        s,
        INVITATIONS_BY_INVITER,
        &inviter,
        limits.invitations_per_inviter_per_hour,
        HOUR,
    )
    .await
}

/// Counts an invitation that was sent (refused ones do not count).
pub(crate) async fn record_invitation(
    s: &Services,
    org: OrgId,
    inviter: UserId,
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    attempts::record(&mut tx, INVITATIONS_BY_ORG, &org.to_string()).await?;
    attempts::record(&mut tx, INVITATIONS_BY_INVITER, &inviter.to_string()).await?;
    tx.commit().await?;
    Ok(())
}

const SECOND_FACTOR_FAILURES: &str = "second_factor";
/// Wrong codes per account per 15 minutes before verification is refused for a while: a
/// six-digit code must not be guessable by trying.
const SECOND_FACTOR_FAILURES_PER_ACCOUNT: i64 = 5;

/// Refuses a second-factor check for an account with too many wrong codes lately.
pub(crate) async fn check_second_factor(s: &Services, user: UserId) -> Result<(), Error> {
    check(
        s,
        SECOND_FACTOR_FAILURES,
        &user.to_string(),
        SECOND_FACTOR_FAILURES_PER_ACCOUNT,
        QUARTER_HOUR,
    )
    .await
}

/// Counts a wrong code against the account.
pub(crate) async fn second_factor_failed(s: &Services, user: UserId) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    attempts::record(&mut tx, SECOND_FACTOR_FAILURES, &user.to_string()).await?;
    tx.commit().await?;
    Ok(())
}
