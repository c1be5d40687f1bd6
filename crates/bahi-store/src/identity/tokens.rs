//! API tokens: random, shown once, stored as a SHA-256 hash, revocable.

use time::OffsetDateTime;

use super::{TokenId, UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    /// The first characters of the token, to tell tokens apart in lists.
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

const COLUMNS: &str = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

pub async fn create(
    tx: &mut WriteTx,
    user: UserId,
    name: &str,
    token_hash: &str,
    prefix: &str,
) -> Result<ApiToken, sqlx::Error> {
    let token = ApiToken {
        id: TokenId::new(),
        user_id: user,
        name: name.to_owned(),
        prefix: prefix.to_owned(),
        created_at: now(),
        last_used_at: None,
        revoked_at: None,
    };
    const SQL: &str = "INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(token.id).bind(user).bind(&token.name).bind(token_hash).bind(&token.prefix).bind(token.created_at)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(token)
}

/// The live (not revoked) token with this hash.
pub async fn by_hash(db: &Db, token_hash: &str) -> Result<Option<ApiToken>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL");
    on_pool!(db, pool => sqlx::query_as::<_, ApiToken>(&sql).bind(token_hash).fetch_optional(pool).await)
}

pub async fn mark_used(db: &Db, id: TokenId) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
    let at = now();
    on_pool!(db, pool => sqlx::query(SQL).bind(at).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(db: &Db, user: UserId) -> Result<Vec<ApiToken>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, ApiToken>(&sql).bind(user).fetch_all(pool).await)
}

/// Revokes one of the user's tokens; false when the user has no such live token.
pub async fn revoke(tx: &mut WriteTx, user: UserId, id: TokenId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL";
    let at = now();
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(at).bind(id).bind(user).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
