//! Browser sessions, stored server-side so every replica shares them. The cookie holds a random
//! token; the table holds only its SHA-256, so a copy of the database opens no session.

use time::{Duration, OffsetDateTime};

use super::{UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id_hash: String,
    pub user_id: UserId,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn create(
    tx: &mut WriteTx,
    id_hash: &str,
    user: UserId,
    absolute: Duration,
) -> Result<Session, sqlx::Error> {
    let at = now();
    let session = Session {
        id_hash: id_hash.to_owned(),
        user_id: user,
        created_at: at,
        last_seen_at: at,
        expires_at: at + absolute,
    };
    const SQL: &str = "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(&session.id_hash).bind(session.user_id).bind(session.created_at).bind(session.last_seen_at).bind(session.expires_at)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(session)
}

pub async fn get(db: &Db, id_hash: &str) -> Result<Option<Session>, sqlx::Error> {
    const SQL: &str = "SELECT id_hash, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = $1";
    on_pool!(db, pool => sqlx::query_as::<_, Session>(SQL).bind(id_hash).fetch_optional(pool).await)
}

pub async fn touch(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2";
    let at = now();
    on_pool!(db, pool => sqlx::query(SQL).bind(at).bind(id_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
    on_pool!(db, pool => sqlx::query(SQL).bind(id_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_tx(tx: &mut WriteTx, id_hash: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
    on_tx!(tx, conn => sqlx::query(SQL).bind(id_hash).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user except `keep` (the one that changed the password, if any).
pub async fn delete_for_user(
    tx: &mut WriteTx,
    user: UserId,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2";
    let keep = keep.unwrap_or("");
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(user).bind(keep).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done)
}

/// Deletes sessions past their absolute expiry (they can no longer be used anyway).
pub async fn delete_expired(db: &Db) -> Result<u64, sqlx::Error> {
    const SQL: &str = "DELETE FROM sessions WHERE expires_at < $1";
    let at = now();
    on_pool!(db, pool => sqlx::query(SQL).bind(at).execute(pool).await.map(|r| r.rows_affected()))
}
