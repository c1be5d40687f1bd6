//! Password reset by e-mail: a single-use token that expires, kept as its hash.

use time::Duration;

use super::{UserId, now};
use crate::exec::{Executor, on_conn};
use crate::{StoreError, WriteTx};

/// Keeps a new reset token's hash; earlier unused tokens of the user stop working (the newest
/// e-mail is the one that counts).
pub async fn create(
    tx: &mut WriteTx,
    user: UserId,
    token_hash: &str,
    valid_for: Duration,
) -> Result<(), StoreError> {
    const RETIRE: &str =
        "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL";
    const INSERT: &str = "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) \
                          VALUES ($1, $2, $3, $4)";
    let at = now();
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(RETIRE).bind(at).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(INSERT).bind(token_hash).bind(user.0).bind(at).bind(at + valid_for)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Uses a token: the user it resets, once, while it is valid; `None` for an unknown, used or
/// expired token.
pub async fn redeem(tx: &mut WriteTx, token_hash: &str) -> Result<Option<UserId>, StoreError> {
    const SQL: &str = "UPDATE password_resets SET used_at = $1 \
                       WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
                       RETURNING user_id";
    let conn = tx.conn().await?;
    let user: Option<uuid::Uuid> = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(now()).bind(token_hash).fetch_optional(&mut *c).await)?;
    Ok(user.map(UserId))
}

/// The user a valid (unused, unexpired) token would reset.
pub async fn user_of(
    mut ex: impl Executor,
    token_hash: &str,
) -> Result<Option<UserId>, StoreError> {
    const SQL: &str = "SELECT user_id FROM password_resets \
                       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
    let conn = ex.conn().await?;
    let user: Option<uuid::Uuid> = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(token_hash).bind(now()).fetch_optional(&mut *c).await)?;
    Ok(user.map(UserId))
}
