//! Counting attempts per key in a sliding window (failed sign-ins, sign-ups, invitations), in the
//! database so every replica sees the same counts.

use crate::StoreError;
use crate::exec::{Executor, on_conn};

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub async fn record(mut ex: impl Executor, kind: &str, key: &str) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO auth_attempts (kind, key, at) VALUES ($1, $2, $3)";
    let at = unix_now();
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(kind).bind(key).bind(at).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many attempts in the last `window_secs`, and when the oldest of them leaves the window
/// (seconds from now).
pub async fn count(
    mut ex: impl Executor,
    kind: &str,
    key: &str,
    window_secs: i64,
) -> Result<(i64, i64), StoreError> {
    const SQL: &str = "SELECT count(*), COALESCE(MIN(at), 0) FROM auth_attempts WHERE kind = $1 AND key = $2 AND at > $3";
    let now = unix_now();
    let conn = ex.conn().await?;
    let (n, oldest): (i64, i64) = on_conn!(conn, c => sqlx::query_as(SQL).bind(kind).bind(key).bind(now - window_secs).fetch_one(&mut *c).await)?;
    let retry_after = if n == 0 {
        0
    } else {
        (oldest + window_secs - now).max(1)
    };
    Ok((n, retry_after))
}

/// Forgets attempts of a key (after a successful sign-in).
pub async fn clear(mut ex: impl Executor, kind: &str, key: &str) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM auth_attempts WHERE kind = $1 AND key = $2";
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(kind).bind(key).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Drops attempts older than a day; called now and then.
pub async fn prune(mut ex: impl Executor) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM auth_attempts WHERE at < $1";
    let cutoff = unix_now() - 86_400;
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(cutoff).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
