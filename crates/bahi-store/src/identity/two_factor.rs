//! Two-factor sign-in's records: a user's authenticator secret (enrolling, then enabled), the
//! last time step accepted (a code works once), recovery codes (hashed, each once), and the
//! challenges of sign-ins waiting for their second factor.

use time::{Duration, OffsetDateTime};

use super::{UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct TwoFactor in "two_factor" {
        pub user_id: UserId,
        /// The authenticator key (base32), sealed (`bahi_app::secrets::SecretBox`).
        pub secret: String,
        /// Confirmed with a code: sign-in asks for one from then on.
        pub enabled_at: Option<OffsetDateTime>,
        pub last_step: Option<i64>,
        pub created_at: OffsetDateTime,
    }
}

pub async fn get(mut ex: impl Executor, user: UserId) -> Result<Option<TwoFactor>, StoreError> {
    let sql = TwoFactor::select("WHERE user_id = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(user.0).fetch_optional(&mut *c).await)?)
}

/// Starts (or restarts) enrolment with a new secret; a user with it enabled keeps theirs.
pub async fn begin(tx: &mut WriteTx, user: UserId, secret: &str) -> Result<bool, StoreError> {
    const SQL: &str = "INSERT INTO two_factor (user_id, secret, enabled_at, last_step, created_at) \
                       VALUES ($1, $2, NULL, NULL, $3) \
                       ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, \
                       created_at = excluded.created_at WHERE two_factor.enabled_at IS NULL";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(user.0).bind(secret).bind(now()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Records the time step of an accepted code; false when that step (or a later one) was
/// accepted already — the code is being replayed.
pub async fn accept_step(tx: &mut WriteTx, user: UserId, step: i64) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE two_factor SET last_step = $1 \
                       WHERE user_id = $2 AND (last_step IS NULL OR last_step < $1)";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(step).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Marks enrolment confirmed and keeps the recovery codes' hashes (replacing any before).
pub async fn enable(
    tx: &mut WriteTx,
    user: UserId,
    recovery_hashes: &[String],
) -> Result<(), StoreError> {
    const ENABLE: &str = "UPDATE two_factor SET enabled_at = $1 WHERE user_id = $2";
    const CLEAR: &str = "DELETE FROM recovery_codes WHERE user_id = $1";
    const ADD: &str =
        "INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES ($1, $2, NULL)";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(ENABLE).bind(now()).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(CLEAR).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    for hash in recovery_hashes {
        let conn = tx.conn().await?;
        on_conn!(conn, c => sqlx::query(ADD).bind(user.0).bind(hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Turns two-factor sign-in off: the secret and the recovery codes go.
pub async fn disable(tx: &mut WriteTx, user: UserId) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM recovery_codes WHERE user_id = $1",
        "DELETE FROM two_factor WHERE user_id = $1",
    ] {
        let conn = tx.conn().await?;
        on_conn!(conn, c => sqlx::query(sql).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Uses a recovery code; false when it is not one of the user's unused codes.
pub async fn use_recovery_code(
    tx: &mut WriteTx,
    user: UserId,
    code_hash: &str,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE recovery_codes SET used_at = $1 \
                       WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(now()).bind(user.0).bind(code_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// How many recovery codes the user has left.
pub async fn recovery_codes_left(mut ex: impl Executor, user: UserId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar(SQL).bind(user.0).fetch_one(&mut *c).await)?)
}

/// A sign-in that passed its password, waiting for the second factor.
pub async fn challenge(
    tx: &mut WriteTx,
    user: UserId,
    token_hash: &str,
    valid_for: Duration,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO login_challenges (token_hash, user_id, expires_at, used_at) \
                       VALUES ($1, $2, $3, NULL)";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(token_hash).bind(user.0).bind(now() + valid_for).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The user a live challenge is for.
pub async fn challenged(
    mut ex: impl Executor,
    token_hash: &str,
) -> Result<Option<UserId>, StoreError> {
    const SQL: &str = "SELECT user_id FROM login_challenges \
                       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
    let conn = ex.conn().await?;
    let user: Option<uuid::Uuid> = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(token_hash).bind(now()).fetch_optional(&mut *c).await)?;
    Ok(user.map(UserId))
}

/// Ends a challenge (the sign-in finished); false when it was already used or has expired.
pub async fn settle(tx: &mut WriteTx, token_hash: &str) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE login_challenges SET used_at = $1 \
                       WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(now()).bind(token_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
