//! API tokens: random, shown once, stored as a SHA-256 hash, revocable, optionally expiring.

use time::OffsetDateTime;

use super::{SecretHash, TokenId, UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct ApiToken in "api_tokens" {
        pub id: TokenId,
        pub user_id: UserId,
        pub name: String,
        pub token_hash: SecretHash,
        /// The first characters of the token, to tell tokens apart in lists.
        pub prefix: String,
        pub created_at: OffsetDateTime,
        pub last_used_at: Option<OffsetDateTime>,
        pub revoked_at: Option<OffsetDateTime>,
        /// After this moment the token no longer works; `None` = until revoked.
        pub expires_at: Option<OffsetDateTime>,
    }
}

pub async fn create(
    tx: &mut WriteTx,
    user: UserId,
    name: &str,
    token_hash: &str,
    prefix: &str,
    expires_at: Option<OffsetDateTime>,
) -> Result<ApiToken, StoreError> {
    let token = ApiToken {
        id: TokenId::new(),
        user_id: user,
        name: name.to_owned(),
        token_hash: SecretHash(token_hash.to_owned()),
        prefix: prefix.to_owned(),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
        expires_at,
    };
    token.insert(tx).await?;
    Ok(token)
}

/// The live token with this hash: not revoked, not expired.
pub async fn by_hash(
    mut ex: impl Executor,
    token_hash: &str,
) -> Result<Option<ApiToken>, StoreError> {
    let sql = ApiToken::select(
        "WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)",
    );
    let at = now();
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(token_hash).bind(at).fetch_optional(&mut *c).await)?,
    )
}

pub async fn mark_used(mut ex: impl Executor, id: TokenId) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
    let at = now();
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The user's tokens that still work, newest first.
pub async fn list(mut ex: impl Executor, user: UserId) -> Result<Vec<ApiToken>, StoreError> {
    let sql = ApiToken::select(
        "WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2) \
         ORDER BY created_at DESC, id",
    );
    let at = now();
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(user.0).bind(at).fetch_all(&mut *c).await)?)
}

/// Revokes one of the user's tokens; false when the user has no such live token.
pub async fn revoke(tx: &mut WriteTx, user: UserId, id: TokenId) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(id.0).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Revokes every token of the user (after a password change, when asked to); returns how many.
pub async fn revoke_all(tx: &mut WriteTx, user: UserId) -> Result<u64, StoreError> {
    const SQL: &str =
        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done)
}

/// The live token with this hash and the user it belongs to, in one round trip (every API
/// request asks): the token's id, when it was last used, and the user.
pub async fn holder(
    mut ex: impl Executor,
    token_hash: &str,
) -> Result<Option<(TokenId, Option<OffsetDateTime>, super::users::User)>, StoreError> {
    use crate::row::Fields;
    use sqlx::FromRow;
    let sql = format!(
        "SELECT {}, t.id AS token_id, t.last_used_at AS token_last_used_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL \
         AND (t.expires_at IS NULL OR t.expires_at > $2)",
        super::users::User::columns_of("u")
    );
    let at = now();
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => {
        match sqlx::query(&sql).bind(token_hash).bind(at).fetch_optional(&mut *c).await? {
            None => Ok::<_, sqlx::Error>(None),
            Some(row) => Ok(Some((
                crate::column::decode(&row, "token_id")?,
                crate::column::decode(&row, "token_last_used_at")?,
                super::users::User::from_row(&row)?,
            ))),
        }
    })?)
}
