//! The outbox: mail written in the same transaction as the change that causes it, delivered
//! later by a worker (`bahi_app::outbox`). The store knows nothing of SMTP: a message is an
//! envelope and the formatted bytes.
//!
//! A worker *claims* due messages by moving their `next_attempt_at` past a lease and counting
//! the attempt; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so workers of several replicas
//! claim disjoint messages without waiting on each other. A worker that dies mid-send gives its
//! messages back when the lease runs out. The attempt count is the claim's token: marking a
//! message sent or failed names the attempt it claimed, so a worker whose lease ran out cannot
//! overwrite what a later claimant did.

use time::OffsetDateTime;

use crate::column::as_name;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, now};
use crate::ids::typed_id;
use crate::row::{Fields, row};
use crate::{Db, StoreError, WriteTx};

typed_id!(
    /// A message in the outbox.
    OutboxId
);

/// What a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An invoice or note with its PDF.
    Document,
    Invitation,
    PasswordReset,
    /// A payment reminder for an invoice.
    Reminder,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Invitation => "invitation",
            Self::PasswordReset => "password_reset",
            Self::Reminder => "reminder",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Document,
            Self::Invitation,
            Self::PasswordReset,
            Self::Reminder,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

as_name!(Kind);

/// Where a message is: waiting (or being delivered), delivered, or given up on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Pending,
    Sent,
    Dead,
}

impl State {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Dead]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

as_name!(State);

row! {
    /// A message as enqueued.
    #[derive(Debug, Clone)]
    pub struct OutboxMessage in "outbox" {
        pub id: OutboxId,
        pub org_id: Option<OrgId>,
        pub kind: Kind,
        pub idempotency_key: String,
        /// The envelope's sender.
        pub sender: String,
        /// The envelope's recipients, comma-separated.
        pub recipients: String,
        pub subject: String,
        /// The formatted message; erased once sent.
        pub message: Option<Vec<u8>>,
        pub state: State,
        pub attempts: i64,
        /// Epoch milliseconds.
        pub next_attempt_at: i64,
        pub last_error: Option<String>,
        pub created_at: OffsetDateTime,
        pub sent_at: Option<OffsetDateTime>,
    }
}

row! {
    /// A message as lists show it (without its bytes).
    #[derive(Debug, Clone)]
    pub struct Entry {
        pub id: OutboxId,
        pub org_id: Option<OrgId>,
        pub kind: Kind,
        pub recipients: String,
        pub subject: String,
        pub state: State,
        pub attempts: i64,
        pub next_attempt_at: i64,
        pub last_error: Option<String>,
        pub created_at: OffsetDateTime,
        pub sent_at: Option<OffsetDateTime>,
    }
}

row! {
    /// A message a worker has claimed: what it needs to deliver it, and its claim.
    #[derive(Debug, Clone)]
    pub struct Claimed {
        pub id: OutboxId,
        /// The claim's token (see the module's comment).
        pub attempts: i64,
        pub sender: String,
        pub recipients: String,
        pub message: Option<Vec<u8>>,
    }
}

/// Milliseconds since the epoch, the unit of `next_attempt_at`.
#[must_use]
pub fn epoch_ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

impl OutboxMessage {
    /// A message due now, not yet tried.
    #[must_use]
    pub fn pending(
        org_id: Option<OrgId>,
        kind: Kind,
        idempotency_key: String,
        envelope: (String, Vec<String>),
        subject: String,
        message: Vec<u8>,
    ) -> Self {
        let at = now();
        Self {
            id: OutboxId::new(),
            org_id,
            kind,
            idempotency_key,
            sender: envelope.0,
            recipients: envelope.1.join(","),
            subject,
            message: Some(message),
            state: State::Pending,
            attempts: 0,
            next_attempt_at: epoch_ms(at),
            last_error: None,
            created_at: at,
            sent_at: None,
        }
    }
}

/// Queues a message in the caller's transaction; false (and nothing written) when a message
/// with the same idempotency key is already there. Two transactions racing to queue the same
/// key: the second fails with [`StoreError::Duplicate`] of
/// [`OUTBOX_IDEMPOTENCY_KEY`](crate::keys::OUTBOX_IDEMPOTENCY_KEY).
pub async fn enqueue(tx: &mut WriteTx, message: &OutboxMessage) -> Result<bool, StoreError> {
    if exists(&mut *tx, &message.idempotency_key).await? {
        return Ok(false);
    }
    message.insert(tx).await?;
    Ok(true)
}

/// Claims up to `limit` due messages until `lease_until_ms`, oldest due first.
pub async fn claim(
    db: &Db,
    now_ms: i64,
    lease_until_ms: i64,
    limit: i64,
) -> Result<Vec<Claimed>, StoreError> {
    // SQLite has one writer at a time (the write transaction is the lock); PostgreSQL's
    // workers skip rows another claim holds instead of queueing behind it.
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $2 \
                      ORDER BY next_attempt_at LIMIT $3 {lock}) \
         RETURNING {}",
        Claimed::columns()
    );
    let mut tx = db.begin_write().await?;
    let conn = tx.conn().await?;
    let claimed: Vec<Claimed> = on_conn!(conn, c => sqlx::query_as(&sql).bind(lease_until_ms).bind(now_ms).bind(limit).fetch_all(&mut *c).await)?;
    tx.commit().await?;
    Ok(claimed)
}

/// Marks delivered messages sent and erases their bytes; returns how many were still this
/// worker's to mark.
pub async fn mark_sent(db: &Db, claims: &[(OutboxId, i64)]) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE outbox SET state = 'sent', sent_at = $1, message = NULL, \
                       last_error = NULL WHERE id = $2 AND attempts = $3 AND state = 'pending'";
    if claims.is_empty() {
        return Ok(0);
    }
    let at = now();
    let mut tx = db.begin_write().await?;
    let mut marked = 0;
    for (id, attempts) in claims {
        let conn = tx.conn().await?;
        marked += on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(id.0).bind(attempts).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(marked)
}

/// What became of a failed attempt.
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// Try again at this epoch millisecond.
    RetryAt(i64),
    /// Give up: the message goes to the dead letters.
    Dead,
}

/// Records a failed attempt (the error as the worker saw it, without secrets).
pub async fn mark_failed(
    db: &Db,
    id: OutboxId,
    attempts: i64,
    error: &str,
    failure: Failure,
) -> Result<bool, StoreError> {
    const RETRY: &str = "UPDATE outbox SET next_attempt_at = $1, last_error = $2 \
                         WHERE id = $3 AND attempts = $4 AND state = 'pending'";
    const DEAD: &str = "UPDATE outbox SET state = 'dead', last_error = $1 \
                        WHERE id = $2 AND attempts = $3 AND state = 'pending'";
    let mut tx = db.begin_write().await?;
    let conn = tx.conn().await?;
    let done = match failure {
        Failure::RetryAt(at) => {
            on_conn!(conn, c => sqlx::query(RETRY).bind(at).bind(error).bind(id.0).bind(attempts).execute(&mut *c).await.map(|r| r.rows_affected()))?
        }
        Failure::Dead => {
            on_conn!(conn, c => sqlx::query(DEAD).bind(error).bind(id.0).bind(attempts).execute(&mut *c).await.map(|r| r.rows_affected()))?
        }
    };
    tx.commit().await?;
    Ok(done == 1)
}

/// Gives a dead message another round of attempts, due now; false when it is not dead.
pub async fn retry(tx: &mut WriteTx, id: OutboxId) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $1 \
                       WHERE id = $2 AND state = 'dead'";
    let due = epoch_ms(now());
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(due).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// One message, without its bytes.
pub async fn get(mut ex: impl Executor, id: OutboxId) -> Result<Option<Entry>, StoreError> {
    let sql = format!("SELECT {} FROM outbox WHERE id = $1", Entry::columns());
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(id.0).fetch_optional(&mut *c).await)?)
}

/// Messages in a state (all when `None`), newest first, `limit` after the cursor.
pub async fn list(
    mut ex: impl Executor,
    state: Option<State>,
    before: Option<OutboxId>,
    limit: i64,
) -> Result<Vec<Entry>, StoreError> {
    let sql = format!(
        "SELECT {} FROM outbox WHERE ($1 IS NULL OR state = $1) AND ($2 IS NULL OR id < $2) \
         ORDER BY id DESC LIMIT $3",
        Entry::columns()
    );
    let state = state.map(State::as_str);
    let before = before.map(|b| b.0);
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(state).bind(before).bind(limit).fetch_all(&mut *c).await)?,
    )
}

/// How many messages wait, and how many were given up on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Depth {
    pub pending: i64,
    pub dead: i64,
}

pub async fn depth(mut ex: impl Executor) -> Result<Depth, StoreError> {
    const SQL: &str = "SELECT state, count(*) FROM outbox \
                       WHERE state IN ('pending', 'dead') GROUP BY state";
    let conn = ex.conn().await?;
    let rows: Vec<(String, i64)> =
        on_conn!(conn, c => sqlx::query_as(SQL).fetch_all(&mut *c).await)?;
    let mut depth = Depth::default();
    for (state, count) in rows {
        match state.as_str() {
            "pending" => depth.pending = count,
            "dead" => depth.dead = count,
            _ => {}
        }
    }
    Ok(depth)
}

/// Whether a message with this idempotency key was queued.
async fn exists(mut ex: impl Executor, idempotency_key: &str) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT count(*) FROM outbox WHERE idempotency_key = $1";
    let conn = ex.conn().await?;
    let n: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(idempotency_key).fetch_one(&mut *c).await)?;
    Ok(n > 0)
}
