//! Browser sessions, stored server-side so every replica shares them. The cookie holds a random
//! token; the table holds only its SHA-256, so a copy of the database opens no session.

use time::{Duration, OffsetDateTime};

use super::{SecretHash, UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct Session in "sessions" {
        pub id_hash: SecretHash,
        pub user_id: UserId,
        pub created_at: OffsetDateTime,
        pub last_seen_at: OffsetDateTime,
        pub expires_at: OffsetDateTime,
    }
}

pub async fn create(
    tx: &mut WriteTx,
    id_hash: &str,
    user: UserId,
    absolute: Duration,
) -> Result<Session, StoreError> {
    let at = now();
    let session = Session {
        id_hash: SecretHash(id_hash.to_owned()),
        user_id: user,
        created_at: at,
        last_seen_at: at,
        expires_at: at + absolute,
    };
    session.insert(tx).await?;
    Ok(session)
}

pub async fn get(mut ex: impl Executor, id_hash: &str) -> Result<Option<Session>, StoreError> {
    let sql = Session::select("WHERE id_hash = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(id_hash).fetch_optional(&mut *c).await)?)
}

pub async fn touch(mut ex: impl Executor, id_hash: &str) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2";
    let at = now();
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(id_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(mut ex: impl Executor, id_hash: &str) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(id_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user except `keep` (the one that changed the password, if any).
pub async fn delete_for_user(
    tx: &mut WriteTx,
    user: UserId,
    keep: Option<&str>,
) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2";
    let keep = keep.unwrap_or("");
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(user.0).bind(keep).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done)
}

/// Deletes sessions that passed their absolute expiry more than a day ago. Recently expired
/// ones stay, so that a browser coming back with one still hears that its session timed out
/// (rather than being treated as a stranger).
pub async fn delete_expired(mut ex: impl Executor) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM sessions WHERE expires_at < $1";
    let at = now() - time::Duration::days(1);
    let conn = ex.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done)
}
