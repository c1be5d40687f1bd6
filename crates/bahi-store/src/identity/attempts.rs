//! Counting failed sign-ins and sign-ups per key in a sliding window, in the database so every
//! replica sees the same counts.

use crate::Db;
use crate::dual::on_pool;

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub async fn record(db: &Db, kind: &str, key: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO auth_attempts (kind, key, at) VALUES ($1, $2, $3)";
    let at = unix_now();
    on_pool!(db, pool => sqlx::query(SQL).bind(kind).bind(key).bind(at).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many attempts in the last `window_secs`, and when the oldest of them leaves the window
/// (seconds from now).
pub async fn count(
    db: &Db,
    kind: &str,
    key: &str,
    window_secs: i64,
) -> Result<(i64, i64), sqlx::Error> {
    const SQL: &str = "SELECT count(*), COALESCE(MIN(at), 0) FROM auth_attempts WHERE kind = $1 AND key = $2 AND at > $3";
    let now = unix_now();
    let (n, oldest): (i64, i64) = on_pool!(db, pool => sqlx::query_as(SQL).bind(kind).bind(key).bind(now - window_secs).fetch_one(pool).await)?;
    let retry_after = if n == 0 {
        0
    } else {
        (oldest + window_secs - now).max(1)
    };
    Ok((n, retry_after))
}

/// Forgets attempts of a key (after a successful sign-in).
pub async fn clear(db: &Db, kind: &str, key: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM auth_attempts WHERE kind = $1 AND key = $2";
    on_pool!(db, pool => sqlx::query(SQL).bind(kind).bind(key).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Drops attempts older than a day; called now and then.
pub async fn prune(db: &Db) -> Result<(), sqlx::Error> {
    const SQL: &str = "DELETE FROM auth_attempts WHERE at < $1";
    let cutoff = unix_now() - 86_400;
    on_pool!(db, pool => sqlx::query(SQL).bind(cutoff).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}
