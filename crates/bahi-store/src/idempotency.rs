//! `Idempotency-Key` (API.md, Conventions): a create's first response, kept for a day, so that a
//! client that lost the answer can ask again without creating twice. A key is reserved before
//! the create runs (the row without a status), completed with the response after it, and
//! released when the create failed, so that a corrected request may use it again.

use time::OffsetDateTime;

use crate::StoreError;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, now};
use crate::row::{Table, row};

/// How long a key is remembered.
pub const KEPT_FOR: time::Duration = time::Duration::hours(24);

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct IdempotencyKey in "idempotency_keys" {
        pub org_id: OrgId,
        pub request_key: String,
        /// A hash of who asked and what they sent.
        pub fingerprint: String,
        /// The first response's status; `None` while it is being made.
        pub status: Option<i64>,
        pub body: Option<String>,
        pub created_at: OffsetDateTime,
    }
}

/// What the key says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservation {
    /// New: run the request, then [`complete`] or [`release`].
    Reserved,
    /// The same request was answered before: answer it the same way.
    Replay { status: u16, body: String },
    /// The key was used for a different request.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

/// Reserves `key` for a request with this fingerprint, or says how it was used before.
pub async fn reserve(
    mut ex: impl Executor,
    org: OrgId,
    key: &str,
    fingerprint: &str,
) -> Result<Reservation, StoreError> {
    const EXPIRED: &str =
        "DELETE FROM idempotency_keys WHERE org_id = $1 AND request_key = $2 AND created_at < $3";
    const RESERVE: &str = "INSERT INTO idempotency_keys \
                           (org_id, request_key, fingerprint, status, body, created_at) \
                           VALUES ($1, $2, $3, NULL, NULL, $4) \
                           ON CONFLICT (org_id, request_key) DO NOTHING";
    let at = now();
    let select = IdempotencyKey::select("WHERE org_id = $1 AND request_key = $2");
    let conn = ex.conn().await?;
    let (inserted, existing): (u64, Option<IdempotencyKey>) = on_conn!(conn, c => {
        sqlx::query(EXPIRED).bind(org.0).bind(key).bind(at - KEPT_FOR).execute(&mut *c).await?;
        let inserted = sqlx::query(RESERVE).bind(org.0).bind(key).bind(fingerprint).bind(at)
            .execute(&mut *c).await?.rows_affected();
        let existing = if inserted == 1 {
            None
        } else {
            sqlx::query_as(&select).bind(org.0).bind(key).fetch_optional(&mut *c).await?
        };
        Ok::<_, sqlx::Error>((inserted, existing))
    })?;
    if inserted == 1 {
        return Ok(Reservation::Reserved);
    }
    Ok(match existing {
        // Released between the two statements: treat as taken by a request still running.
        None => Reservation::InProgress,
        Some(row) if row.fingerprint != fingerprint => Reservation::Mismatch,
        Some(IdempotencyKey {
            status: Some(status),
            body,
            ..
        }) => Reservation::Replay {
            status: u16::try_from(status).unwrap_or(200),
            body: body.unwrap_or_default(),
        },
        Some(_) => Reservation::InProgress,
    })
}

/// Records the response to a reserved key.
pub async fn complete(
    mut ex: impl Executor,
    org: OrgId,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE idempotency_keys SET status = $1, body = $2 \
                       WHERE org_id = $3 AND request_key = $4";
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(i64::from(status)).bind(body).bind(org.0).bind(key)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Frees a reserved key whose request failed.
pub async fn release(mut ex: impl Executor, org: OrgId, key: &str) -> Result<(), StoreError> {
    const SQL: &str = "DELETE FROM idempotency_keys \
                       WHERE org_id = $1 AND request_key = $2 AND status IS NULL";
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(key).execute(&mut *c).await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets every key older than [`KEPT_FOR`]; returns how many.
pub async fn purge_expired(mut ex: impl Executor) -> Result<u64, StoreError> {
    const SQL: &str = "DELETE FROM idempotency_keys WHERE created_at < $1";
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query(SQL).bind(now() - KEPT_FOR).execute(&mut *c).await
        .map(|r| r.rows_affected()))?,
    )
}
